package dev.talon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** The built distribution, started as a user would start it, driven over the wire and through the CLI. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayDistributionIT {
    private static final List<String> ADMIN = List.of("operator.admin");
    private static Path stateDir;
    private static GatewayProcess gateway;
    private static String token;

    @BeforeAll
    static void startGateway() throws Exception {
        stateDir = Files.createTempDirectory("talon-e2e");
        gateway = GatewayProcess.start(stateDir).awaitReady();
        token = gateway.generatedToken();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void firstRunGeneratesATokenReadableOnlyByTheOwner() throws Exception {
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("talon.json"))));
        assertTrue(gateway.output().contains("generated a gateway token"), gateway.output());
        assertTrue(token.length() >= 32);
    }

    @Test
    @Order(2)
    void helloOkAdvertisesTheRegistryAndThePolicy() throws Exception {
        try (WsClient c = WsClient.open(gateway.url())) {
            JsonNode res = c.request("connect", WsClient.connectParams("cli", "cli", token, ADMIN));
            JsonNode hello = res.path("payload");
            assertEquals("hello-ok", hello.path("type").asString(), res.toString());
            assertEquals(4, hello.path("protocol").asInt());
            String methods = hello.path("features").path("methods").toString();
            for (String m : List.of("health", "status", "system-presence", "system-event", "talon.shell.exec")) {
                assertTrue(methods.contains("\"" + m + "\""), methods);
            }
            assertEquals(ADMIN.get(0), hello.path("auth").path("scopes").path(0).asString());
            assertEquals(26_214_400, hello.path("policy").path("maxPayload").asLong());
            assertEquals(30_000, hello.path("policy").path("tickIntervalMs").asLong());
            assertEquals(
                    "self",
                    hello.path("snapshot")
                            .path("presence")
                            .path(0)
                            .path("reason")
                            .asString());
        }
    }

    @Test
    @Order(3)
    void theCliTalksToTheGatewayWithTheTokenFromTheStateDir() throws Exception {
        var health = GatewayProcess.cli(stateDir, Map.of(), "health", "--url", gateway.url(), "--json");
        assertEquals(0, health.exit(), health.err());
        assertTrue(health.out().contains("\"ok\":true") || health.out().contains("\"ok\" : true"), health.out());
        var call = GatewayProcess.cli(stateDir, Map.of(), "call", "system-presence", "--url", gateway.url(), "--json");
        assertEquals(0, call.exit(), call.err());
        assertTrue(call.out().contains("\"reason\""), call.out());
        var status = GatewayProcess.cli(stateDir, Map.of(), "status", "--url", gateway.url());
        assertEquals(0, status.exit(), status.err());
    }

    @Test
    @Order(4)
    void theCliFailsClearlyOnAWrongToken() throws Exception {
        var r = GatewayProcess.cli(stateDir, Map.of(), "health", "--url", gateway.url(), "--token", "wrong");
        assertTrue(r.exit() != 0);
        assertTrue((r.out() + r.err()).contains("token mismatch"), r.out() + r.err());
    }

    @Test
    @Order(5)
    void badInputIsAnsweredAndNeverDisturbsAnotherConnection() throws Exception {
        try (WsClient good = WsClient.connect(gateway.url(), token, ADMIN);
                WsClient bad = WsClient.connect(gateway.url(), token, ADMIN)) {
            bad.sendRaw("not json");
            assertEquals(
                    "INVALID_REQUEST",
                    bad.nextResponse().path("error").path("code").asString());
            bad.sendRaw("{\"type\":\"req\",\"id\":5,\"method\":\"health\"}");
            assertEquals("invalid", bad.nextResponse().path("id").asString());
            bad.sendRaw("{\"type\":\"req\",\"id\":\"x\",\"method\":\"health\",\"extra\":true}");
            assertTrue(
                    bad.nextResponse().path("error").path("message").asString().contains("extra"));
            for (int i = 0; i < 500; i++) {
                bad.sendRaw("{\"type\":\"req\",\"id\":\"f" + i + "\",\"method\":\"no.such.method\"}");
            }
            JsonNode last = bad.awaitResponse("f499");
            assertEquals(
                    "unknown method: no.such.method",
                    last.path("error").path("message").asString());
            assertTrue(good.request("health", null).path("ok").asBoolean());
            assertTrue(bad.request("health", null).path("ok").asBoolean());
        }
    }

    @Test
    @Order(5)
    void aRepeatedIdempotencyKeyReplaysAndADifferentPayloadIsRefused() throws Exception {
        try (WsClient c = WsClient.connect(gateway.url(), token, ADMIN)) {
            JsonNode first = c.request(
                    "system-event", WsClient.JSON.readTree("{\"text\":\"deploy done\",\"idempotencyKey\":\"k-1\"}"));
            JsonNode again = c.request(
                    "system-event", WsClient.JSON.readTree("{\"text\":\"deploy done\",\"idempotencyKey\":\"k-1\"}"));
            assertEquals(first.path("payload"), again.path("payload"));
            JsonNode other = c.request(
                    "system-event", WsClient.JSON.readTree("{\"text\":\"other\",\"idempotencyKey\":\"k-1\"}"));
            assertEquals("INVALID_REQUEST", other.path("error").path("code").asString(), other.toString());
            JsonNode status = c.request("status", null);
            long queued = 0;
            for (JsonNode t : status.path("payload").path("queuedSystemEvents")) {
                queued += "deploy done".equals(t.asString()) ? 1 : 0;
            }
            assertEquals(1, queued, "the handler ran once for the key");
        }
    }

    @Test
    @Order(6)
    void handshakeViolationsGetTheSpecsCloseCodes() throws Exception {
        try (WsClient c = WsClient.open(gateway.url())) {
            c.sendRaw("x".repeat(70_000));
            assertEquals(1009, c.awaitClose());
        }
        try (WsClient c = WsClient.open(gateway.url())) {
            c.sendRaw("{not json");
            assertEquals(1000, c.awaitClose());
        }
        try (WsClient c = WsClient.open(gateway.url())) {
            JsonNode res = c.request("health", null);
            assertEquals(
                    "invalid handshake: first request must be connect",
                    res.path("error").path("message").asString());
            assertEquals(1008, c.awaitClose());
        }
        try (WsClient c = WsClient.open(gateway.url())) {
            JsonNode res = c.request("connect", WsClient.connectParams("cli", "cli", "wrong", ADMIN));
            assertEquals(
                    "AUTH_TOKEN_MISMATCH",
                    res.path("error").path("details").path("code").asString());
            assertEquals(1008, c.awaitClose());
        }
    }

    @Test
    @Order(7)
    void aJarDroppedIntoDeployAddsItsMethodsAndDeletingItRemovesThem() throws Exception {
        Path jar = stateDir.resolve("deploy/plugin-echo.jar");
        try (WsClient bystander = WsClient.connect(gateway.url(), token, ADMIN)) {
            long copiedAt = System.nanoTime();
            Files.copy(Path.of(System.getProperty("talon.plugin.echo")), jar, StandardCopyOption.REPLACE_EXISTING);
            GatewayProcess.await(Duration.ofSeconds(5), () -> advertises("example.echo"), "example.echo advertised");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - copiedAt);
            assertTrue(ms <= 2_000, "hot deploy took " + ms + " ms");
            try (WsClient c = WsClient.connect(gateway.url(), token, ADMIN)) {
                JsonNode res = c.request("example.echo", WsClient.JSON.readTree("{\"hi\":1}"));
                assertEquals(1, res.path("payload").path("echo").path("hi").asInt(), res.toString());
                c.awaitEvent("example.echoed");
            }
            Files.delete(jar);
            GatewayProcess.await(Duration.ofSeconds(5), () -> !advertises("example.echo"), "example.echo removed");
            JsonNode gone = bystander.request("example.echo", null);
            assertEquals(
                    "unknown method: example.echo",
                    gone.path("error").path("message").asString());
            assertTrue(bystander.request("health", null).path("ok").asBoolean(), "bystander connection survived");
        }
    }

    @Test
    @Order(8)
    void anInvalidConfigEditIsRejectedAndTheLastGoodConfigStays() throws Exception {
        Path cfg = stateDir.resolve("talon.json");
        String good = Files.readString(cfg);
        Files.writeString(cfg, "{ \"gateway\": { \"port\": 70000 } }");
        GatewayProcess.await(Duration.ofSeconds(5), () -> logContains("gateway.port"), "rejection logged");
        try (WsClient c = WsClient.connect(gateway.url(), token, ADMIN)) {
            assertTrue(c.request("health", null).path("ok").asBoolean());
        }
        Files.writeString(cfg, good);
    }

    @Test
    @Order(9)
    void aTokenEditAppliesLiveAndEndsSharedSecretSessions() throws Exception {
        Path cfg = stateDir.resolve("talon.json");
        String original = Files.readString(cfg);
        try (WsClient old = WsClient.connect(gateway.url(), token, ADMIN)) {
            Files.writeString(cfg, original.replace(token, "rotated-token-0123456789abcdef"));
            assertEquals(4001, old.awaitClose());
            try (WsClient fresh = WsClient.connect(gateway.url(), "rotated-token-0123456789abcdef", ADMIN)) {
                assertTrue(fresh.request("health", null).path("ok").asBoolean());
            }
            try (WsClient refused = WsClient.open(gateway.url())) {
                JsonNode res = refused.request("connect", WsClient.connectParams("cli", "cli", token, ADMIN));
                assertFalse(res.path("ok").asBoolean());
            }
        } finally {
            Files.writeString(cfg, original);
        }
        GatewayProcess.await(Duration.ofSeconds(5), this::originalTokenWorks, "original token restored");
    }

    @Test
    @Order(10)
    void aSecondGatewayOnTheSameStateDirIsRefused() throws Exception {
        GatewayProcess second = GatewayProcess.start(stateDir);
        GatewayProcess.await(Duration.ofSeconds(30), () -> !second.isAlive(), "second gateway exits");
        assertTrue(second.stop() != 0);
        assertTrue(second.output().contains("already running"), second.output());
        assertTrue(gateway.isAlive());
    }

    private boolean advertises(String method) {
        try (WsClient c = WsClient.connect(gateway.url(), token, ADMIN)) {
            for (JsonNode m : c.hello.path("features").path("methods")) {
                if (method.equals(m.asString())) {
                    return true;
                }
            }
            return false;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    private boolean logContains(String text) {
        try {
            return gateway.output().contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean originalTokenWorks() {
        try (WsClient c = WsClient.connect(gateway.url(), token, ADMIN)) {
            return c.request("health", null).path("ok").asBoolean();
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
