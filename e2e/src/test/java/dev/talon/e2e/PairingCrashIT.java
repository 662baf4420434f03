package dev.talon.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SIGKILL during pairing writes, in a loop: after every crash the store is readable and every device that
 * was told it is paired (it got hello-ok) is still paired.
 */
class PairingCrashIT {
    private static final int ROUNDS = 4;
    private static final List<String> READ = List.of("operator.read");

    @Test
    void killingTheDaemonMidWriteNeverLosesAnApprovedDevice() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-crash");
        Files.writeString(
                state.resolve("talon.json"), "{\"gateway\":{\"auth\":{\"token\":\"crash-token-0123456789abcdef\"}}}");
        Set<String> approved = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < ROUNDS; round++) {
            GatewayProcess gw = GatewayProcess.start(state).awaitReady();
            assertAllPaired(gw, approved);
            int target = approved.size() + 15;
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> pairDevices(gw, approved, stop), "pairing-writer");
            writer.start();
            GatewayProcess.await(
                    Duration.ofSeconds(60), () -> approved.size() >= target, "devices paired before the kill");
            gw.kill(); // while the writer is still pairing
            stop.set(true);
            writer.join(30_000);
        }
        try (GatewayProcess gw = GatewayProcess.start(state).awaitReady()) {
            assertAllPaired(gw, approved);
        }
    }

    private static void pairDevices(GatewayProcess gw, Set<String> approved, AtomicBoolean stop) {
        while (!stop.get()) {
            try (WsClient c = WsClient.open(gw.url())) {
                DeviceIdentity d = new DeviceIdentity();
                JsonNode res =
                        c.request("connect", d.connectParams(c.challenge, "crash-token-0123456789abcdef", null, READ));
                if (res.path("ok").asBoolean()) {
                    approved.add(d.id);
                }
            } catch (Exception | AssertionError gatewayGone) {
                return;
            }
        }
    }

    private static void assertAllPaired(GatewayProcess gw, Set<String> approved) throws Exception {
        try (WsClient admin = WsClient.connect(gw.url(), "crash-token-0123456789abcdef", List.of("operator.admin"))) {
            JsonNode list = admin.request("device.pair.list", WsClient.JSON.createObjectNode());
            Set<String> paired = ConcurrentHashMap.newKeySet();
            list.path("payload")
                    .path("paired")
                    .forEach(d -> paired.add(d.path("deviceId").asString()));
            for (String id : approved) {
                assertTrue(paired.contains(id), "device " + id + " lost after a crash; paired: " + paired.size());
            }
        }
    }
}
