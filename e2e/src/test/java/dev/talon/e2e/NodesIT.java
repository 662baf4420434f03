package dev.talon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Nodes against the real daemon, with a scripted node (a real WebSocket client) for the error paths. */
class NodesIT {
    private static final List<String> ADMIN = List.of("operator.admin");
    private static GatewayProcess gw;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayProcess.start(Files.createTempDirectory("talon-e2e-nodes")).awaitReady();
        token = gw.generatedToken();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    /** Connects a node; returns it with the hello consumed. */
    private static WsClient node(DeviceIdentity d, List<String> commands) throws Exception {
        WsClient n = WsClient.open(gw.url());
        JsonNode res = n.request("connect", d.nodeConnectParams(n.challenge, token, "e2e-node", commands));
        assertTrue(res.path("ok").asBoolean(), res.toString());
        assertEquals("node", res.path("payload").path("auth").path("role").asString());
        return n;
    }

    private static JsonNode invoke(WsClient op, String nodeId, String command, String params, String key)
            throws Exception {
        ObjectNode p = WsClient.JSON
                .createObjectNode()
                .put("nodeId", nodeId)
                .put("command", command)
                .put("idempotencyKey", key);
        p.set("params", WsClient.JSON.readTree(params));
        p.put("timeoutMs", 3000);
        return op.request("node.invoke", p);
    }

    @Test
    void aNodeIsApprovedThenInvokedAndItsResultReachesTheOperator() throws Exception {
        DeviceIdentity d = new DeviceIdentity();
        try (WsClient op = WsClient.connect(gw.url(), token, ADMIN);
                WsClient n = node(d, List.of("system.run", "system.which"))) {
            JsonNode requested = op.awaitEvent("node.pair.requested").path("payload");
            assertEquals(d.id, requested.path("nodeId").asString());
            JsonNode early = invoke(op, d.id, "system.which", "{\"bins\":[\"uname\"]}", "k0");
            assertEquals(
                    "surface pending approval",
                    early.path("error").path("details").path("reason").asString(),
                    early.toString());

            String requestId = requested.path("requestId").asString();
            var pending = GatewayProcess.cli(
                    gw.stateDir, java.util.Map.of(), "nodes", "pending", "--url", gw.url(), "--json");
            assertTrue(pending.out().contains(requestId), pending.out() + pending.err());
            var approved = GatewayProcess.cli(
                    gw.stateDir, java.util.Map.of(), "nodes", "approve", requestId, "--url", gw.url());
            assertEquals(0, approved.exit(), approved.err());
            n.awaitEvent("node.pair.resolved");

            Thread answer = new Thread(() -> answerNextInvoke(n, d.id));
            answer.start();
            JsonNode res = invoke(op, d.id, "system.which", "{\"bins\":[\"uname\"]}", "k1");
            answer.join(10_000);
            assertTrue(res.path("ok").asBoolean(), res.toString());
            assertEquals(
                    "/usr/bin/uname",
                    res.path("payload")
                            .path("payload")
                            .path("bins")
                            .path("uname")
                            .asString());

            JsonNode renamed = op.request(
                    "node.rename",
                    WsClient.JSON.createObjectNode().put("nodeId", d.id).put("displayName", "build-box"));
            assertTrue(renamed.path("ok").asBoolean(), renamed.toString());
            JsonNode listed = op.request("node.list", WsClient.JSON.createObjectNode());
            assertEquals(
                    "approved",
                    listed.path("payload")
                            .path("nodes")
                            .path(0)
                            .path("approvalState")
                            .asString(),
                    listed.toString());
            assertEquals(
                    "build-box",
                    listed.path("payload")
                            .path("nodes")
                            .path(0)
                            .path("displayName")
                            .asString());
            JsonNode removed = op.request(
                    "node.pair.remove", WsClient.JSON.createObjectNode().put("nodeId", d.id));
            assertTrue(removed.path("payload").path("disconnected").asBoolean(), removed.toString());
            assertEquals(1008, n.awaitClose());
        }
    }

    @Test
    void smuggledFieldsUnknownCommandsTimeoutsAndDisconnectsAreAnswered() throws Exception {
        DeviceIdentity d = new DeviceIdentity();
        try (WsClient op = WsClient.connect(gw.url(), token, ADMIN)) {
            WsClient n = node(d, List.of("system.run", "sms.send"));
            String requestId = op.awaitEvent("node.pair.requested")
                    .path("payload")
                    .path("requestId")
                    .asString();
            op.request("node.pair.approve", WsClient.JSON.createObjectNode().put("requestId", requestId));

            JsonNode smuggled = invoke(op, d.id, "system.run", "{\"command\":[\"id\"],\"approved\":true}", "s1");
            assertEquals("INVALID_REQUEST", smuggled.path("error").path("code").asString(), smuggled.toString());
            JsonNode noFamily = invoke(op, d.id, "sms.send", "{}", "s2");
            assertEquals(
                    "no installed command family provides it",
                    noFamily.path("error").path("details").path("reason").asString());

            JsonNode timedOut = invoke(op, d.id, "system.run", "{\"command\":[\"sleep\",\"60\"]}", "s3");
            assertEquals(
                    "TIMEOUT",
                    timedOut.path("error").path("details").path("code").asString(),
                    timedOut.toString());

            n.awaitEvent("node.invoke.request"); // the one that timed out
            n.awaitEvent("node.invoke.cancel"); // and its cancellation
            String key = "s4";
            Thread closer = new Thread(() -> {
                try {
                    n.awaitEvent("node.invoke.request");
                } catch (Exception | AssertionError e) {
                    return;
                }
                n.close();
            });
            closer.start();
            JsonNode gone = invoke(op, d.id, "system.run", "{\"command\":[\"true\"]}", key);
            closer.join(10_000);
            assertEquals(
                    "DISCONNECTED",
                    gone.path("error").path("details").path("code").asString(),
                    gone.toString());
            JsonNode offline = invoke(op, d.id, "system.run", "{\"command\":[\"true\"]}", "s5");
            assertEquals(
                    "NOT_CONNECTED",
                    offline.path("error").path("details").path("code").asString(),
                    offline.toString());
        }
    }

    @Test
    void stoppingTheFamilyBundleMakesItsCommandsUninvokableAndStartingItRestoresThem() throws Exception {
        DeviceIdentity d = new DeviceIdentity();
        try (WsClient op = WsClient.connect(gw.url(), token, ADMIN);
                WsClient n = node(d, List.of("system.which"))) {
            String requestId = op.awaitEvent("node.pair.requested")
                    .path("payload")
                    .path("requestId")
                    .asString();
            assertTrue(shell("node:pending").contains(requestId), "Gogo node:pending lists the request");
            assertTrue(shell("node:approve " + requestId).contains("approved"));
            String bundleId = shell("lb -s")
                    .lines()
                    .filter(l -> l.contains("dev.talon.node.system"))
                    .map(l -> l.trim().split("\\s*\\|")[0])
                    .findFirst()
                    .orElseThrow();
            shell("stop " + bundleId);
            JsonNode stopped = invoke(op, d.id, "system.which", "{\"bins\":[\"uname\"]}", "f1");
            assertEquals(
                    "no installed command family provides it",
                    stopped.path("error").path("details").path("reason").asString(),
                    stopped.toString());
            shell("start " + bundleId);
            Thread answer = new Thread(() -> answerNextInvoke(n, d.id));
            answer.start();
            JsonNode restored = invoke(op, d.id, "system.which", "{\"bins\":[\"uname\"]}", "f2");
            answer.join(10_000);
            assertTrue(restored.path("ok").asBoolean(), restored.toString());

            assertTrue(shell("node:describe " + d.id).contains("system.which"), "Gogo node:describe");
            Thread viaShell = new Thread(() -> answerNextInvoke(n, d.id));
            viaShell.start();
            String shellResult = shell("node:invoke " + d.id + " system.which '{\"bins\":[\"uname\"]}'");
            viaShell.join(10_000);
            assertTrue(shellResult.contains("/usr/bin/uname"), "Gogo node:invoke: " + shellResult);
            String refused = shell("node:invoke " + d.id + " system.which '{\"bins\":1}'");
            assertTrue(refused.startsWith("INVALID_REQUEST"), "Gogo node:invoke validates params: " + refused);
        }
    }

    @Test
    void theCameraLocationAndScreenFamiliesValidateTheirParamsUnderTheLinuxPolicy() throws Exception {
        DeviceIdentity d = new DeviceIdentity();
        try (WsClient op = WsClient.connect(gw.url(), token, ADMIN);
                WsClient n = node(d, List.of("camera.snap", "location.get", "screen.snapshot"))) {
            String requestId = op.awaitEvent("node.pair.requested")
                    .path("payload")
                    .path("requestId")
                    .asString();
            op.request("node.pair.approve", WsClient.JSON.createObjectNode().put("requestId", requestId));
            JsonNode badFacing = invoke(op, d.id, "camera.snap", "{\"facing\":\"left\"}", "c1");
            assertEquals("INVALID_REQUEST", badFacing.path("error").path("code").asString(), badFacing.toString());
            JsonNode smuggled = invoke(op, d.id, "screen.snapshot", "{\"maxWidth\":800,\"approved\":true}", "c2");
            assertEquals("INVALID_REQUEST", smuggled.path("error").path("code").asString(), smuggled.toString());
            JsonNode located = invoke(op, d.id, "location.get", "{\"desiredAccuracy\":\"precise\"}", "c3");
            assertEquals(
                    "command not allowlisted",
                    located.path("error").path("details").path("reason").asString(),
                    "location.get is not a Linux default (protocol §3.7): " + located);
            Thread answer = new Thread(() -> answerNextInvoke(n, d.id));
            answer.start();
            JsonNode snapshot = invoke(op, d.id, "screen.snapshot", "{\"maxWidth\":800}", "c4");
            answer.join(10_000);
            assertTrue(snapshot.path("ok").asBoolean(), snapshot.toString());
        }
    }

    private static String shell(String command) throws Exception {
        var r = GatewayProcess.cli(gw.stateDir, java.util.Map.of(), "shell", "--url", gw.url(), command);
        assertEquals(0, r.exit(), command + ": " + r.out() + r.err());
        return r.out();
    }

    /** The scripted node: answers the next invoke request with a system.which result. */
    private static void answerNextInvoke(WsClient n, String nodeId) {
        try {
            JsonNode req = n.awaitEvent("node.invoke.request").path("payload");
            ObjectNode result = WsClient.JSON
                    .createObjectNode()
                    .put("id", req.path("id").asString())
                    .put("nodeId", nodeId)
                    .put("ok", true)
                    .put("payloadJSON", "{\"bins\":{\"uname\":\"/usr/bin/uname\"}}");
            n.request("node.invoke.result", result);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
