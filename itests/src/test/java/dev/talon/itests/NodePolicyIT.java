package dev.talon.itests;

import static dev.talon.itests.NodeOps.approve;
import static dev.talon.itests.NodeOps.invokeAsync;
import static dev.talon.itests.NodeOps.invokeRefused;
import static dev.talon.itests.NodeOps.lists;
import static dev.talon.itests.NodeOps.reason;
import static dev.talon.itests.WsTestClient.WAIT;
import static dev.talon.itests.WsTestClient.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import tools.jackson.databind.JsonNode;

/**
 * The node command policy (protocol §3.7) with live {@code talon.json} edits, node presence (§1.9.3, §3.5), legacy
 * v3 nodes (§3.1) and the node-role catalog updates (§3.6), with a scripted node.
 */
public class NodePolicyIT extends GatewayTestSupport {
    private static final Duration APPLY = Duration.ofSeconds(5);

    @After
    public void restoreConfig() {
        writeConfig(stateDir(), gatewayJson(port(), TOKEN));
    }

    private static String withCommands(String allow, String deny) {
        return "{\"gateway\":{\"port\":" + port() + ",\"auth\":{\"mode\":\"token\",\"token\":\"" + TOKEN
                + "\"},\"nodes\":{\"commands\":{\"allow\":[" + allow + "],\"deny\":[" + deny + "]}}}}";
    }

    @Test
    public void dangerousCommandsNeedAllowAndDenyAppliesLiveOnAConfigEdit() {
        try (WsTestClient op = admin();
                FakeNode n = FakeNode.connect(
                        port(), TOKEN, FakeNode.Declared.linux("camera.snap", "system.which", "location.get"))) {
            approve(op, n.id());
            assertEquals(
                    "dangerous command requires gateway.nodes.commands.allow",
                    reason(invokeRefused(op, n.id(), "camera.snap", Map.of())));
            assertEquals("command not allowlisted", reason(invokeRefused(op, n.id(), "location.get", Map.of())));
            assertTrue(lists(op, n.id(), "system.which"));
            assertFalse(lists(op, n.id(), "camera.snap"));

            writeConfig(stateDir(), withCommands("\"camera.snap\"", "\"system.which\""));
            Await.until(
                    "camera.snap allowed, system.which denied",
                    APPLY,
                    () -> lists(op, n.id(), "camera.snap") && !lists(op, n.id(), "system.which"));
            assertEquals(
                    "command blocked by gateway.nodes.commands.deny",
                    reason(invokeRefused(op, n.id(), "system.which", Map.of("bins", List.of("git")))));
            String id = invokeAsync(op, n.id(), "camera.snap", Map.of(), 5_000);
            JsonNode req = n.awaitInvoke();
            assertEquals("camera.snap", text(req.path("command")));
            n.result(text(req.path("id")), "{\"format\":\"jpg\"}");
            assertTrue(op.awaitResponse(id, WAIT).path("ok").asBoolean());

            writeConfig(stateDir(), gatewayJson(port(), TOKEN));
            Await.until(
                    "the defaults are back",
                    APPLY,
                    () -> !lists(op, n.id(), "camera.snap") && lists(op, n.id(), "system.which"));
        }
    }

    @Test
    public void connectedNodesAreInPresenceAndKnownNodeTracksLastSeenAndActivity() {
        try (WsTestClient op = admin()) {
            FakeNode n = FakeNode.connect(
                    port(),
                    TOKEN,
                    FakeNode.Declared.linux("system.which").withPermissions(Map.of("accessibility", false)));
            Await.until("the node's presence entry", WAIT, () -> presenceOf(op, n.id(), "connect") != null);
            JsonNode entry = presenceOf(op, n.id(), "connect");
            assertEquals("node", text(entry.path("mode")));
            assertEquals("node", text(entry.path("roles").path(0)));

            JsonNode alive = n.event("node.presence.alive", Map.of("trigger", "silent_push"))
                    .path("payload");
            assertEquals("persisted", text(alive.path("reason")));
            JsonNode described = NodeOps.describe(op, n.id());
            assertEquals("silent_push", text(described.path("lastSeenReason")));
            assertTrue(described.path("lastSeenAtMs").asLong() > 0);

            JsonNode app = n.event("node.presence.activity", Map.of("idleSeconds", 5, "source", "app"))
                    .path("payload");
            assertTrue(app.toString(), app.path("handled").asBoolean());
            assertEquals(
                    n.id(),
                    text(op.awaitEvent("node.presence", WAIT).path("payload").path("nodeId")));
            assertTrue(NodeOps.describe(op, n.id()).path("lastActiveAtMs").asLong() > 0);
            JsonNode system =
                    n.event("node.presence.activity", Map.of("idleSeconds", 5)).path("payload");
            assertFalse(
                    "system-wide activity needs accessibility",
                    system.path("handled").asBoolean());
            JsonNode bad = n.event("node.presence.activity", Map.of("idleSeconds", -1, "source", "app"))
                    .path("payload");
            assertEquals("invalid_payload", text(bad.path("reason")));

            n.close();
            Await.until("the entry says disconnect", WAIT, () -> presenceOf(op, n.id(), "disconnect") != null);
        }
    }

    @Test
    public void aLegacyV3NodeIsAdmittedAndTheHelloStillSaysProtocol4() {
        try (FakeNode n = FakeNode.connect(
                port(), TOKEN, FakeNode.Declared.linux("system.which").withProtocols(3, 3))) {
            JsonNode hello = n.connectResponse.path("payload");
            assertEquals(4, hello.path("protocol").asInt());
            assertEquals("node", text(hello.path("auth").path("role")));
        }
    }

    @Test
    public void aLegacyV3NodeHasItsPluginOwnedCapabilitiesWithheld() {
        writeConfig(stateDir(), withCommands("\"canvas.present\"", ""));
        FakeNode.Declared canvasNode = FakeNode.Declared.linux("system.which", "canvas.present");
        try (WsTestClient op = admin();
                FakeNode v4 = FakeNode.connect(port(), TOKEN, canvasNode);
                FakeNode v3 = FakeNode.connect(port(), TOKEN, canvasNode.withProtocols(3, 3))) {
            assertTrue(
                    "a v4 node gets its canvas URL",
                    v4.connectResponse.path("payload").path("pluginSurfaceUrls").has("canvas"));
            assertFalse(
                    "a v3 node gets no plugin surface URLs",
                    v3.connectResponse.path("payload").path("pluginSurfaceUrls").has("canvas"));

            approve(op, v4.id());
            approve(op, v3.id());
            Await.until(
                    "canvas.present is invocable on the v4 node", APPLY, () -> lists(op, v4.id(), "canvas.present"));
            assertTrue(lists(op, v3.id(), "system.which"));
            assertFalse("plugin-owned commands are not effective on v3", lists(op, v3.id(), "canvas.present"));
            assertEquals(
                    "plugin-owned command withheld from a protocol 3 node",
                    reason(invokeRefused(op, v3.id(), "canvas.present", Map.of("url", "https://example.invalid/"))));

            assertTrue(v4.ws.call("node.pluginSurface.refresh", Map.of("surface", "canvas"))
                    .path("ok")
                    .asBoolean());
            assertUnauthorizedNode(v3.ws.call("node.pluginSurface.refresh", Map.of("surface", "canvas")));
            Map<String, Object> tool = Map.of("pluginId", "demo", "name", "lookup", "description", "Looks things up");
            assertUnauthorizedNode(v3.ws.call("node.pluginTools.update", Map.of("tools", List.of(tool))));
            assertTrue(v4.ws.call("node.pluginTools.update", Map.of("tools", List.of(tool)))
                    .path("ok")
                    .asBoolean());
        }
    }

    private static void assertUnauthorizedNode(JsonNode res) {
        assertEquals(res.toString(), "INVALID_REQUEST", text(res.path("error").path("code")));
        assertEquals("unauthorized role: node", text(res.path("error").path("message")));
    }

    @Test
    public void nodeCatalogUpdatesAreValidatedAndStored() {
        try (WsTestClient op = admin();
                FakeNode n = FakeNode.connect(port(), TOKEN, FakeNode.Declared.linux("system.which"))) {
            Map<String, Object> tool = Map.of("pluginId", "demo", "name", "lookup", "description", "Looks things up");
            JsonNode tools = n.ws.call("node.pluginTools.update", Map.of("tools", List.of(tool)));
            assertTrue(tools.toString(), tools.path("ok").asBoolean());
            assertEquals(n.id(), text(tools.path("payload").path("nodeId")));
            assertEquals(
                    "lookup",
                    text(NodeOps.describe(op, n.id())
                            .path("nodePluginTools")
                            .path(0)
                            .path("name")));
            Map<String, Object> badTool = Map.of("pluginId", "demo", "name", "1bad name", "description", "x");
            JsonNode bad = n.ws.call("node.pluginTools.update", Map.of("tools", List.of(badTool)));
            assertEquals("INVALID_REQUEST", text(bad.path("error").path("code")));

            JsonNode skills = n.ws.call("node.skills.update", Map.of("skills", List.of()));
            assertTrue(skills.toString(), skills.path("ok").asBoolean());
            JsonNode inventory = n.ws.call(
                    "node.runnerInventory.update",
                    Map.of(
                            "protocolFeatures",
                            List.of("node-worker-supervisor-v6"),
                            "workerHost",
                            Map.of("enabled", false)));
            assertTrue(inventory.toString(), inventory.path("ok").asBoolean());
            JsonNode refused = op.call("node.skills.update", Map.of("skills", List.of()));
            assertEquals(
                    "unauthorized role: operator", text(refused.path("error").path("message")));
        }
    }

    /** The presence entry of device {@code deviceId} with {@code reason}, or null. */
    private static JsonNode presenceOf(WsTestClient op, String deviceId, String reason) {
        for (JsonNode e : op.call("system-presence", Map.of()).path("payload")) {
            if (deviceId.equals(text(e.path("deviceId"))) && reason.equals(text(e.path("reason")))) {
                return e;
            }
        }
        return null;
    }
}
