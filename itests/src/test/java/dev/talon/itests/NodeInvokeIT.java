package dev.talon.itests;

import static dev.talon.itests.NodeOps.approve;
import static dev.talon.itests.NodeOps.code;
import static dev.talon.itests.NodeOps.invokeAsync;
import static dev.talon.itests.NodeOps.invokeRefused;
import static dev.talon.itests.NodeOps.reason;
import static dev.talon.itests.WsTestClient.WAIT;
import static dev.talon.itests.WsTestClient.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.osgi.framework.Bundle;
import tools.jackson.databind.JsonNode;

/**
 * {@code node.invoke} end to end in Felix, with a scripted node (protocol §3.4): routing, the caller's deadline,
 * disconnects, late results, surface approval, progress, the exec lifecycle and family hot undeploy.
 */
public class NodeInvokeIT extends GatewayTestSupport {
    private static final Map<String, Object> WHICH_GIT = Map.of("bins", List.of("git"));
    private static final String WHICH_RESULT = "{\"bins\":{\"git\":\"/usr/bin/git\"}}";

    /** A short handler timeout: every invoke here relies on node.invoke moving its own deadline. */
    @Override
    protected String gatewayJson(int port, String token) {
        return "{\"gateway\":{\"port\":" + port + ",\"handlerTimeoutMs\":1000,\"auth\":{\"mode\":\"token\",\"token\":\""
                + token + "\"}}}";
    }

    private static FakeNode approvedNode(WsTestClient op, String... commands) {
        FakeNode n = FakeNode.connect(port(), TOKEN, FakeNode.Declared.linux(commands));
        approve(op, n.id());
        n.ws.awaitEvent("node.pair.resolved", WAIT);
        return n;
    }

    @Test
    public void anInvokeIsRoutedToTheNodeAndItsResultReachesTheOperator() {
        try (WsTestClient op = admin();
                FakeNode n = approvedNode(op, "system.which")) {
            String id = invokeAsync(op, n.id(), "system.which", WHICH_GIT, 10_000);
            JsonNode req = n.awaitInvoke();
            assertEquals("system.which", text(req.path("command")));
            assertEquals(
                    WHICH_GIT,
                    WsTestClient.JSON.convertValue(
                            WsTestClient.JSON.readTree(text(req.path("paramsJSON"))), Map.class));
            long budget = req.path("timeoutMs").asLong();
            assertTrue("remaining budget " + budget, budget > 5_000 && budget <= 10_000);
            assertEquals(id, text(req.path("idempotencyKey")));
            assertEquals(
                    true,
                    n.result(text(req.path("id")), WHICH_RESULT).path("ok").asBoolean());
            JsonNode res = op.awaitResponse(id, WAIT);
            assertTrue(res.toString(), res.path("ok").asBoolean());
            assertEquals(
                    "/usr/bin/git",
                    text(res.path("payload").path("payload").path("bins").path("git")));
            assertEquals(WHICH_RESULT, text(res.path("payload").path("payloadJSON")));
        }
    }

    @Test
    public void theCallersTimeoutAnswersAtOnceAndALateResultIsIgnored() {
        try (WsTestClient op = admin();
                FakeNode n = approvedNode(op, "system.which")) {
            String id = invokeAsync(op, n.id(), "system.which", WHICH_GIT, 300);
            String invokeId = text(n.awaitInvoke().path("id"));
            JsonNode res = op.awaitResponse(id, WAIT);
            assertEquals("TIMEOUT", code(res));
            assertEquals("UNAVAILABLE", text(res.path("error").path("code")));
            assertEquals(
                    invokeId,
                    text(n.ws.awaitEvent("node.invoke.cancel", WAIT)
                            .path("payload")
                            .path("invokeId")));
            JsonNode late = n.result(invokeId, WHICH_RESULT);
            assertTrue(late.toString(), late.path("payload").path("ignored").asBoolean());
        }
    }

    @Test
    public void aBudgetLongerThanTheHandlerTimeoutIsHonoured() {
        try (WsTestClient op = admin();
                FakeNode n = approvedNode(op, "system.which")) {
            long t0 = System.nanoTime();
            String id = invokeAsync(op, n.id(), "system.which", WHICH_GIT, 3_000);
            assertTrue(n.awaitInvoke().path("timeoutMs").asLong() > 1_000);
            JsonNode res = op.awaitResponse(id, WAIT);
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(res.toString(), "TIMEOUT", code(res));
            assertTrue(
                    "answered at the caller's 3 s budget, not the 1 s handler timeout: " + elapsedMs,
                    elapsedMs >= 2_900);
        }
    }

    @Test
    public void aNodeDisconnectingMidInvokeIsAnsweredAtOnce() {
        try (WsTestClient op = admin()) {
            FakeNode n = approvedNode(op, "system.which");
            String id = invokeAsync(op, n.id(), "system.which", WHICH_GIT, 60_000);
            n.awaitInvoke();
            long t0 = System.nanoTime();
            n.close();
            JsonNode res = op.awaitResponse(id, WAIT);
            assertEquals("DISCONNECTED", code(res));
            assertTrue(
                    "answered within 5 s",
                    System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
            assertEquals("NOT_CONNECTED", code(invokeRefused(op, n.id(), "system.which", WHICH_GIT)));
        }
    }

    @Test
    public void anUnapprovedSurfaceIsNotInvokableAndAWidenedOneWaitsForReapproval() {
        FakeNode.Identity identity = new FakeNode.Identity();
        try (WsTestClient op = admin()) {
            try (FakeNode n = FakeNode.connect(port(), TOKEN, identity, FakeNode.Declared.linux("system.which"))) {
                NodeOps.awaitConnected(op, n.id());
                assertEquals("surface pending approval", reason(invokeRefused(op, n.id(), "system.which", WHICH_GIT)));
                assertEquals(
                        "pending-approval", text(NodeOps.describe(op, n.id()).path("approvalState")));
                approve(op, n.id());
            }
            Await.until("the node is offline", WAIT, () -> !NodeOps.describe(op, identity.id)
                    .path("connected")
                    .asBoolean());
            try (FakeNode n =
                    FakeNode.connect(port(), TOKEN, identity, FakeNode.Declared.linux("system.which", "system.run"))) {
                Await.until("pending-reapproval", WAIT, () -> "pending-reapproval"
                        .equals(text(NodeOps.describe(op, n.id()).path("approvalState"))));
                assertEquals(
                        "surface pending approval",
                        reason(invokeRefused(op, n.id(), "system.run", Map.of("command", List.of("id")))));
                assertFalse(NodeOps.lists(op, n.id(), "system.run"));
                String id = invokeAsync(op, n.id(), "system.which", WHICH_GIT, 5_000);
                n.result(text(n.awaitInvoke().path("id")), WHICH_RESULT);
                assertTrue(
                        "the approved command still works",
                        op.awaitResponse(id, WAIT).path("ok").asBoolean());
            }
        }
    }

    @Test
    public void privateAdminOnlyAndUndeclaredCommandsAreRefusedBeforeTheNode() {
        try (WsTestClient op = admin();
                WsTestClient writer = WsTestClient.operator(port(), TOKEN, "operator.write");
                FakeNode n = approvedNode(op, "system.which", "worker.launch.v1")) {
            JsonNode priv = invokeRefused(op, n.id(), "worker.launch.v1", Map.of());
            assertEquals(
                    "node.invoke does not allow private node controls",
                    text(priv.path("error").path("message")));
            JsonNode admin = invokeRefused(writer, n.id(), "fs.listDir", Map.of());
            assertEquals("FORBIDDEN", text(admin.path("error").path("code")));
            JsonNode undeclared = invokeRefused(op, n.id(), "system.run", Map.of("command", List.of("id")));
            assertEquals("command not declared by node", reason(undeclared));
            assertEquals(
                    "system.run", text(undeclared.path("error").path("details").path("command")));
            assertFalse("private commands are never listed", NodeOps.lists(op, n.id(), "worker.launch.v1"));
            assertTrue(n.ws.drain().stream().noneMatch(f -> "node.invoke.request".equals(text(f.path("event")))));
        }
    }

    @Test
    public void progressReachesTheInvokingOperatorAndIsBounded() {
        try (WsTestClient op = admin();
                FakeNode n = approvedNode(op, "system.which")) {
            String id = invokeAsync(op, n.id(), "system.which", WHICH_GIT, 10_000);
            String invokeId = text(n.awaitInvoke().path("id"));
            Map<String, Object> chunk = Map.of("invokeId", invokeId, "nodeId", n.id(), "seq", 0, "chunk", "half");
            assertFalse(n.ws.call("node.invoke.progress", chunk)
                    .path("payload")
                    .path("ignored")
                    .asBoolean(true));
            JsonNode ev = op.awaitEvent("node.invoke.progress", WAIT).path("payload");
            assertEquals("half", text(ev.path("chunk")));
            assertEquals(id, text(ev.path("idempotencyKey")));
            JsonNode big = n.ws.call(
                    "node.invoke.progress",
                    Map.of("invokeId", invokeId, "nodeId", n.id(), "seq", 1, "chunk", "é".repeat(8_193)));
            assertEquals("progress chunk too large", text(big.path("error").path("message")));
            JsonNode other = n.ws.call(
                    "node.invoke.progress",
                    Map.of("invokeId", invokeId, "nodeId", "f".repeat(64), "seq", 1, "chunk", ""));
            assertEquals("nodeId mismatch", text(other.path("error").path("message")));
            JsonNode unknown = n.ws.call(
                    "node.invoke.progress", Map.of("invokeId", "nope", "nodeId", n.id(), "seq", 1, "chunk", ""));
            assertTrue(unknown.path("payload").path("ignored").asBoolean());
            n.result(invokeId, WHICH_RESULT);
            assertTrue(op.awaitResponse(id, WAIT).path("ok").asBoolean());
        }
    }

    @Test
    public void execEventsAreHandledOnlyForRunsTheGatewayForwardedToThatNode() {
        try (WsTestClient op = admin();
                FakeNode n = approvedNode(op, "system.run");
                FakeNode other = approvedNode(op, "system.run")) {
            String id = invokeAsync(op, n.id(), "system.run", Map.of("command", List.of("uname")), 10_000);
            JsonNode req = n.awaitInvoke();
            String runId = text(
                    WsTestClient.JSON.readTree(text(req.path("paramsJSON"))).path("runId"));
            assertTrue("the gateway issues a run id", runId != null && !runId.isBlank());
            Map<String, Object> finished = Map.of("sessionKey", "node", "runId", runId, "host", "node", "exitCode", 0);
            JsonNode spoofed = other.event("exec.finished", finished).path("payload");
            assertEquals("unmatched_exec_event", text(spoofed.path("reason")));
            assertTrue(n.event("exec.started", finished)
                    .path("payload")
                    .path("handled")
                    .asBoolean());
            n.result(text(req.path("id")), "{\"exitCode\":0}");
            op.awaitResponse(id, WAIT);
            assertTrue(n.event("exec.finished", finished)
                    .path("payload")
                    .path("handled")
                    .asBoolean());
            JsonNode again = n.event("exec.finished", finished).path("payload");
            assertFalse(again.path("handled").asBoolean());
            assertEquals("unmatched_exec_event", text(again.path("reason")));
        }
    }

    @Test
    public void stoppingTheSystemFamilyMakesItsCommandsUninvokableAndStartingItRestoresThem() throws Exception {
        Bundle family = java.util.Arrays.stream(context().getBundles())
                .filter(b -> "dev.talon.node-system".equals(b.getSymbolicName())
                        || "dev.talon.node.system".equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow();
        try (WsTestClient op = admin();
                FakeNode n = approvedNode(op, "system.which")) {
            family.stop();
            try {
                assertEquals(
                        "no installed command family provides it",
                        reason(invokeRefused(op, n.id(), "system.which", WHICH_GIT)));
                assertFalse(NodeOps.lists(op, n.id(), "system.which"));
            } finally {
                family.start();
            }
            Await.until("system.which is listed again", WAIT, () -> NodeOps.lists(op, n.id(), "system.which"));
            String id = invokeAsync(op, n.id(), "system.which", WHICH_GIT, 5_000);
            n.result(text(n.awaitInvoke().path("id")), WHICH_RESULT);
            assertTrue(op.awaitResponse(id, WAIT).path("ok").asBoolean());
        }
    }
}
