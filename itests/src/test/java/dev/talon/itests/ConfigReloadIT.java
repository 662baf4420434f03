package dev.talon.itests;

import static dev.talon.itests.WsTestClient.WAIT;
import static dev.talon.itests.WsTestClient.connectParams;
import static dev.talon.itests.WsTestClient.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.After;
import org.junit.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live edits of {@code talon.json}: valid ones apply within {@value #APPLY_WITHIN_MS} ms (the loader polls every
 * 500 ms), invalid ones are rejected with a WARN and the last good configuration stays in force.
 */
public class ConfigReloadIT extends GatewayTestSupport {
    static final long APPLY_WITHIN_MS = 2_000;
    private static final Duration APPLY_WITHIN = Duration.ofMillis(APPLY_WITHIN_MS);
    static final String REJECTED = "rejected, keeping the last good configuration";

    /** Puts the original file back and waits until the original port and token work again. */
    @After
    public void restoreOriginalConfig() {
        writeConfig(stateDir(), gatewayJson(port(), TOKEN));
        Await.until("the original config is in force again", Duration.ofSeconds(10), () -> accepts(port(), TOKEN));
    }

    @Test
    public void aTokenEditAppliesWithinTwoSecondsAndTheOldTokenIsRefused() {
        try (WsTestClient existing = admin()) {
            long t0 = System.nanoTime();
            writeConfig(stateDir(), json(port(), "it-token-rotated", null));
            Await.until(
                    "a new connection is accepted with the new token",
                    APPLY_WITHIN,
                    () -> accepts(port(), "it-token-rotated"));
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue("applied after " + tookMs + " ms", tookMs <= APPLY_WITHIN_MS);

            try (WsTestClient stale = WsTestClient.open(port())) {
                stale.awaitChallenge();
                JsonNode res = stale.connect(connectParams("cli", "cli", TOKEN, "operator.admin"));
                assertEquals(
                        "AUTH_TOKEN_MISMATCH",
                        text(res.path("error").path("details").path("code")));
                assertEquals(1008, stale.awaitClose(WAIT).code());
            }
            WsTestClient.Close invalidated = existing.awaitClose(WAIT);
            assertEquals("sessions on the old secret are closed", 4001, invalidated.code());
            assertEquals("gateway auth changed", invalidated.reason());
        }
    }

    @Test
    public void aHeartbeatEditChangesTheTickIntervalOfNewConnections() {
        writeConfig(stateDir(), json(port(), TOKEN, "\"heartbeat\":1000"));
        JsonNode hello = Await.value("policy.tickIntervalMs becomes 1000", APPLY_WITHIN, () -> {
            try (WsTestClient c = admin()) {
                return c.hello().path("policy").path("tickIntervalMs").asLong() == 1000 ? c.hello() : null;
            }
        });
        assertEquals(1000, hello.path("policy").path("tickIntervalMs").asLong());
        try (WsTestClient c = admin()) {
            JsonNode tick = c.awaitEvent("tick", Duration.ofMillis(3_000));
            assertTrue(
                    "tick carries ts and seq: " + tick,
                    tick.path("payload").path("ts").isIntegralNumber() && tick.has("seq"));
        }
    }

    @Test
    public void anOutOfRangePortIsRejectedAndThePreviousConfigStaysInForce() {
        assertRejectedEditKeepsGateway(
                "{\"gateway\":{\"port\":70000,\"auth\":{\"mode\":\"token\",\"token\":\"other\"}}}");
    }

    @Test
    public void brokenJsonIsRejectedAndThePreviousConfigStaysInForce() {
        assertRejectedEditKeepsGateway("{\"gateway\":{\"port\":" + port() + ",\"auth\":{\"token\":\"other\"");
    }

    @Test
    public void anUnknownKeyIsRejectedAndThePreviousConfigStaysInForce() {
        assertRejectedEditKeepsGateway(
                "{\"gateway\":{\"port\":" + port() + ",\"auth\":{\"token\":\"other\"},\"colour\":\"blue\"}}");
    }

    @Test
    public void aPortEditMovesTheListener() {
        int oldPort = port();
        int newPort = freePort();
        try (WsTestClient existing = admin()) {
            writeConfig(stateDir(), json(newPort, TOKEN, null));
            Await.until(
                    "the gateway answers on the new port " + newPort,
                    Duration.ofSeconds(5),
                    () -> accepts(newPort, TOKEN));
            Await.until(
                    "the old port " + oldPort + " refuses connections", Duration.ofSeconds(5), () -> refused(oldPort));
            WsTestClient.Close close = existing.awaitClose(WAIT);
            assertEquals("connections on the old listener are told to reconnect", 1012, close.code());
        }
    }

    @Test
    public void aLogLevelEditAppliesLiveAndAnUnknownLevelIsRejected() {
        long offset = logSize();
        writeConfig(stateDir(), withLogging("\"level\": \"debug\", \"consoleLevel\": \"warn\""));
        Await.until("the gateway-logging bundle announces the new levels", APPLY_WITHIN, () -> logSince(offset)
                .contains("Log levels: file DEBUG, console WARN"));
        long before = logSize();
        assertTrue(accepts(port(), TOKEN));
        Await.until("DEBUG records of the gateway now reach talon.log", Duration.ofSeconds(5), () -> logSince(before)
                .matches("(?s).* DEBUG \\[[^]]+\\] \\S+Listener - Connection \\S+ closed .*"));

        assertRejectedEditKeepsGateway(withLogging("\"level\": \"loud\""));
        long after = logSize();
        assertTrue(accepts(port(), TOKEN));
        Await.until(
                "the DEBUG level of the last good configuration is still in force",
                Duration.ofSeconds(5),
                () -> logSince(after).contains(" DEBUG ["));
    }

    private String withLogging(String logging) {
        return "{\"gateway\": {\"port\": " + port() + ", \"auth\": {\"mode\": \"token\", \"token\": \"" + TOKEN
                + "\"}}, \"logging\": {" + logging + "}}\n";
    }

    private void assertRejectedEditKeepsGateway(String badJson) {
        long logOffset = logSize();
        writeConfig(stateDir(), badJson);
        Await.until("the loader logs the rejection", Duration.ofSeconds(5), () -> logSince(logOffset)
                .contains(REJECTED));
        assertTrue("old port and old token still work", accepts(port(), TOKEN));
        assertFalse("the rejected token was not applied", accepts(port(), "other"));
    }

    private static String json(int port, String token, String extra) {
        return "{\n  // edited by ConfigReloadIT\n  \"gateway\": {\"port\": " + port
                + ", \"auth\": {\"mode\": \"token\", \"token\": \"" + token + "\"}"
                + (extra == null ? "" : ", " + extra) + "}\n}\n";
    }

    /** Whether a fresh connection completes the handshake with {@code token} on {@code port}. */
    private static boolean accepts(int port, String token) {
        try (WsTestClient c = WsTestClient.open(port)) {
            c.awaitChallenge();
            return c.connect(connectParams("cli", "cli", token, "operator.read"))
                    .path("ok")
                    .asBoolean(false);
        } catch (IllegalStateException notListening) {
            return false;
        }
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            fail("unexpected failure probing port " + port + ": " + e);
            return false;
        }
    }

    private static Path log() {
        return stateDir().resolve("logs/talon.log");
    }

    static long logSize() {
        try {
            return Files.size(log());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(log());
            return new String(
                    all,
                    (int) Math.min(offset, all.length),
                    (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
