package dev.talon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Start, stop and crash behaviour of the daemon as users drive it. */
class LifecycleIT {
    private static final List<String> READ = List.of("operator.read");

    @Test
    void sigtermBroadcastsShutdownAndClosesClientsWith1012() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-life");
        GatewayProcess gw = GatewayProcess.start(state).awaitReady();
        try (WsClient c = WsClient.connect(gw.url(), gw.generatedToken(), READ)) {
            gw.stop();
            JsonNode shutdown = c.awaitEvent("shutdown");
            assertEquals(
                    "gateway stopping", shutdown.path("payload").path("reason").asString());
            assertTrue(shutdown.path("seq").asLong() >= 1);
            assertEquals(1012, c.awaitClose());
        }
        assertTrue(!Files.exists(state.resolve("talon.pid")), "pid file removed on a clean stop");
    }

    @Test
    void aKilledGatewaysLockIsRecoveredOnTheNextStart() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-kill");
        GatewayProcess first = GatewayProcess.start(state).awaitReady();
        String token = first.generatedToken();
        first.kill();
        GatewayProcess second = GatewayProcess.start(state).awaitReady();
        try (WsClient c = WsClient.connect(second.url(), token, READ)) {
            assertTrue(c.request("health", null).path("ok").asBoolean());
        } finally {
            second.close();
        }
    }

    @Test
    void aGatewayThatCannotListenExitsWithAClearMessage() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-busy");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            GatewayProcess gw = GatewayProcess.startOnPort(state, taken.getLocalPort());
            GatewayProcess.await(java.time.Duration.ofSeconds(30), () -> !gw.isAlive(), "gateway exits");
            assertEquals(78, gw.stop());
            assertTrue(gw.output().contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort()), gw.output());
        }
    }

    @Test
    void anInvalidConfigAtStartStopsTheDaemonWithTheKeyAndReason() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-badcfg");
        Files.writeString(state.resolve("talon.json"), "{ \"gateway\": { \"port\": \"not a port\" } }");
        GatewayProcess gw = GatewayProcess.start(state);
        GatewayProcess.await(java.time.Duration.ofSeconds(30), () -> !gw.isAlive(), "gateway exits");
        assertEquals(78, gw.stop());
        assertTrue(gw.output().contains("gateway.port"), gw.output());
    }

    @Test
    void flagsAndEnvironmentOverrideTheConfigFile() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-flags");
        Files.writeString(
                state.resolve("talon.json"),
                "{ // comments are fine\n \"gateway\": { \"auth\": { \"token\": \"file-token-000000000000\" } } }");
        try (GatewayProcess gw = GatewayProcess.start(
                        state,
                        List.of("--token", "flag-token-000000000000"),
                        Map.of("TALON_GATEWAY_TOKEN", "env-token-000000000000"))
                .awaitReady()) {
            try (WsClient c = WsClient.connect(gw.url(), "flag-token-000000000000", READ)) {
                assertTrue(c.request("health", null).path("ok").asBoolean());
            }
            try (WsClient c = WsClient.open(gw.url())) {
                JsonNode res =
                        c.request("connect", WsClient.connectParams("cli", "cli", "file-token-000000000000", READ));
                assertEquals(
                        "AUTH_TOKEN_MISMATCH",
                        res.path("error").path("details").path("code").asString());
            }
        }
    }
}
