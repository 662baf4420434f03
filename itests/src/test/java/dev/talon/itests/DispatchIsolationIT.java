package dev.talon.itests;

import static dev.talon.itests.WsTestClient.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import dev.talon.gateway.api.MethodRegistry;
import dev.talon.itests.plugin.BlockingHandler;
import dev.talon.itests.plugin.SilentHandler;
import dev.talon.itests.plugin.ThrowingHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import tools.jackson.databind.JsonNode;

/**
 * A misbehaving handler affects only its own call: an unexpected exception becomes {@code INTERNAL} with a
 * correlation id, and a handler that never answers is cut off by {@code gateway.handlerTimeoutMs}; the
 * connection keeps working in both cases.
 */
public class DispatchIsolationIT extends GatewayTestSupport {
    static final long HANDLER_TIMEOUT_MS = 500;

    @Override
    protected String gatewayJson(int port, String token) {
        return "{\"gateway\":{\"port\":" + port + ",\"handlerTimeoutMs\":" + HANDLER_TIMEOUT_MS
                + ",\"auth\":{\"mode\":\"token\",\"token\":\"" + token + "\"}}}";
    }

    @Override
    protected List<Option> extraOptions(Path dir) {
        return List.of(
                bundle(SyntheticBundles.handlerBundle(
                        dir, "it.plugin.boom", ThrowingHandler.class, "it.boom", "operator.read", 0, Map.of())),
                bundle(SyntheticBundles.handlerBundle(
                        dir, "it.plugin.silent", SilentHandler.class, "it.silent", "operator.read", 0, Map.of())),
                bundle(SyntheticBundles.handlerBundle(
                        dir,
                        "it.plugin.blocking",
                        BlockingHandler.class,
                        "it.blocking",
                        "operator.read",
                        0,
                        Map.of())));
    }

    @Before
    public void awaitPluginMethods() {
        MethodRegistry registry = service(MethodRegistry.class);
        Await.until(
                "synthetic methods registered",
                Duration.ofSeconds(10),
                () -> List.of("it.boom", "it.silent", "it.blocking").stream()
                        .allMatch(m -> registry.snapshot().active(m).isPresent()));
    }

    @Test
    public void aThrowingHandlerYieldsInternalWithACorrelationIdAndTheConnectionStillAnswers() {
        try (WsTestClient c = admin()) {
            JsonNode res = c.call("it.boom", Map.of());
            assertFalse(res.path("ok").asBoolean(true));
            JsonNode error = res.path("error");
            assertEquals("INTERNAL", text(error.path("code")));
            String correlationId = text(error.path("details").path("correlationId"));
            assertTrue("correlationId in details: " + error, correlationId != null && !correlationId.isBlank());
            assertTrue(
                    "the message names the correlation id: " + error,
                    text(error.path("message")).contains(correlationId));
            assertFalse(
                    "no stack trace or exception text leaks: " + error,
                    error.toString().contains("synthetic failure"));

            assertTrue(c.call("health", Map.of()).path("ok").asBoolean());
            JsonNode again = c.call("it.boom", Map.of());
            assertFalse(
                    "each failure gets its own correlation id",
                    correlationId.equals(
                            text(again.path("error").path("details").path("correlationId"))));
        }
    }

    @Test
    public void aHandlerThatNeverAnswersTimesOutWithUnavailableAfterTheConfiguredDeadline() {
        try (WsTestClient c = admin()) {
            long t0 = System.nanoTime();
            JsonNode res = c.call("it.silent", Map.of());
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertUnavailableTimeout(res, "it.silent");
            assertTrue(
                    "answered after " + tookMs + " ms, deadline " + HANDLER_TIMEOUT_MS,
                    tookMs >= HANDLER_TIMEOUT_MS - 50 && tookMs < HANDLER_TIMEOUT_MS + 3_000);
            assertTrue(c.call("health", Map.of()).path("ok").asBoolean());
        }
    }

    @Test
    public void aHandlerBlockingItsWorkerTimesOutWhileOtherCallsOnTheSameConnectionAreServed() {
        try (WsTestClient c = admin()) {
            JsonNode health = c.call("health", Map.of());
            assertTrue(health.path("ok").asBoolean());
            JsonNode res = c.call("it.blocking", Map.of());
            assertUnavailableTimeout(res, "it.blocking");
            JsonNode status = c.call("status", Map.of(), Duration.ofSeconds(2));
            assertTrue(
                    "status answers while a worker is still blocked: " + status,
                    status.path("ok").asBoolean());
        }
    }

    /**
     * Responses to overlapping requests of one connection are written by the flusher (Connection): with a handler
     * holding its worker, every later response on that connection takes that path. All of them must arrive, and
     * none may wait for the blocked call: they all come before its timeout answer.
     */
    @Test
    public void overlappingRequestsBesideABlockedHandlerAreAllAnsweredWithoutWaitingForIt() {
        try (WsTestClient c = admin()) {
            c.send(request("blocked", "it.blocking"));
            int n = 100;
            for (int i = 0; i < n; i++) {
                c.send(request("h" + i, "health"));
            }
            Set<String> answered = new HashSet<>();
            while (answered.size() < n) {
                JsonNode f = c.next(Duration.ofSeconds(10));
                if (!"res".equals(text(f.path("type")))) {
                    continue;
                }
                String id = text(f.path("id"));
                assertFalse(
                        "the blocked call answered before health " + answered.size() + "/" + n, "blocked".equals(id));
                assertTrue(id + " ok: " + f, f.path("ok").asBoolean());
                assertTrue("answered once: " + id, answered.add(id));
            }
            assertUnavailableTimeout(c.awaitResponse("blocked", Duration.ofSeconds(10)), "it.blocking");
            assertTrue(c.call("health", Map.of()).path("ok").asBoolean());
        }
    }

    private static String request(String id, String method) {
        return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":{}}";
    }

    private static void assertUnavailableTimeout(JsonNode res, String method) {
        assertFalse(res.path("ok").asBoolean(true));
        JsonNode error = res.path("error");
        assertEquals("UNAVAILABLE", text(error.path("code")));
        assertEquals(method + " timed out after " + HANDLER_TIMEOUT_MS + " ms", text(error.path("message")));
        assertTrue(error.path("retryable").asBoolean());
        assertEquals("handler-timeout", text(error.path("details").path("reason")));
    }
}
