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

    /**
     * The start-up class-data archive: written when a gateway without one stops, adopted by the next start, and the
     * cache keeps only the most recently used archives of other installs and drops stale pending ones.
     */
    @Test
    void theStartUpArchiveIsWrittenAdoptedAndTheCacheIsPruned() throws Exception {
        Path xdg = Files.createTempDirectory("talon-e2e-xdg");
        Path cache = xdg.resolve("talon");
        Files.createDirectories(cache);
        long now = System.currentTimeMillis();
        for (int i = 1; i <= 5; i++) { // other installs' archives, gateway-1 least recently used
            Path old = cache.resolve("gateway-" + i + ".jsa");
            Files.writeString(old, "not an archive");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(now - (10 - i) * 3_600_000L));
        }
        Path stalePending = cache.resolve("gateway-9.jsa.999999"); // pid gone, never adopted for two days
        Files.writeString(stalePending, "x");
        Files.setLastModifiedTime(stalePending, java.nio.file.attribute.FileTime.fromMillis(now - 48 * 3_600_000L));
        Path freshPending = cache.resolve("gateway-8.jsa.999998"); // may still be adopted by its own install
        Files.writeString(freshPending, "x");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", xdg.toString());

        Path state = Files.createTempDirectory("talon-e2e-cds");
        GatewayProcess first = GatewayProcess.start(state, List.of(), env).awaitReady();
        assertEquals(143, first.stop());
        List<String> names = names(cache);
        assertTrue(
                names.containsAll(List.of(
                        "gateway-3.jsa",
                        "gateway-4.jsa",
                        "gateway-5.jsa",
                        freshPending.getFileName().toString())),
                names.toString());
        assertTrue(
                !names.contains("gateway-1.jsa")
                        && !names.contains("gateway-2.jsa")
                        && !names.contains(stalePending.getFileName().toString()),
                names.toString());
        List<String> pending = names.stream()
                .filter(n -> n.matches("gateway-\\d+\\.jsa\\.\\d+") && !n.startsWith("gateway-8."))
                .toList();
        assertEquals(1, pending.size(), "the stopped gateway left its archive to adopt: " + names);

        GatewayProcess second = GatewayProcess.start(state, List.of(), env).awaitReady();
        try (WsClient c = WsClient.connect(second.url(), second.generatedToken(), READ)) {
            assertTrue(c.request("health", null).path("ok").asBoolean());
        } finally {
            second.close();
        }
        String adopted = pending.get(0).substring(0, pending.get(0).lastIndexOf('.'));
        names = names(cache);
        assertTrue(names.contains(adopted) && !names.contains(pending.get(0)), names.toString());

        // A start with the archive marks it used (its mtime, which pruning orders by); the launcher does that.
        Path archive = cache.resolve(adopted);
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(now - 5 * 3_600_000L));
        long before = System.currentTimeMillis() - 2_000;
        GatewayProcess third = GatewayProcess.start(state, List.of(), env).awaitReady();
        third.close();
        assertTrue(
                Files.getLastModifiedTime(archive).toMillis() >= before,
                "archive marked used: " + Files.getLastModifiedTime(archive));
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
