package dev.talon.itests;

import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Operator-side steps of the node tests, on one operator {@link WsTestClient}. Not thread-safe. */
final class NodeOps {
    private static final AtomicInteger IDS = new AtomicInteger();

    private NodeOps() {}

    /** Approves the pending surface request of {@code nodeId} (waiting for it to appear). */
    static JsonNode approve(WsTestClient op, String nodeId) {
        String requestId = Await.value("a pending surface request of node " + nodeId, Duration.ofSeconds(5), () -> {
            for (JsonNode p :
                    op.call("node.pair.list", Map.of()).path("payload").path("pending")) {
                if (nodeId.equals(WsTestClient.text(p.path("nodeId")))) {
                    return WsTestClient.text(p.path("requestId"));
                }
            }
            return null;
        });
        JsonNode res = op.call("node.pair.approve", Map.of("requestId", requestId));
        assertTrue("approve failed: " + res, res.path("ok").asBoolean(false));
        return res;
    }

    /** Waits until {@code node.describe} shows {@code nodeId} connected (the registry learns of it asynchronously). */
    static void awaitConnected(WsTestClient op, String nodeId) {
        Await.until("node " + nodeId + " is connected", WsTestClient.WAIT, () -> describe(op, nodeId)
                .path("connected")
                .asBoolean());
    }

    /** {@code node.describe} payload of {@code nodeId}. */
    static JsonNode describe(WsTestClient op, String nodeId) {
        return op.call("node.describe", Map.of("nodeId", nodeId)).path("payload");
    }

    /** Whether {@code node.describe} lists {@code command} among the node's effective commands. */
    static boolean lists(WsTestClient op, String nodeId, String command) {
        for (JsonNode c : describe(op, nodeId).path("commands")) {
            if (command.equals(WsTestClient.text(c))) {
                return true;
            }
        }
        return false;
    }

    /** Sends {@code node.invoke} without waiting; returns the request id for {@link WsTestClient#awaitResponse}. */
    static String invokeAsync(WsTestClient op, String nodeId, String command, Object params, long timeoutMs) {
        String id = "inv-" + IDS.incrementAndGet();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nodeId", nodeId);
        p.put("command", command);
        if (params != null) {
            p.put("params", params);
        }
        p.put("timeoutMs", timeoutMs);
        p.put("idempotencyKey", id);
        op.send(WsTestClient.JSON.writeValueAsString(
                Map.of("type", "req", "id", id, "method", "node.invoke", "params", p)));
        return id;
    }

    /** {@code node.invoke} that must be answered before reaching the node; returns the response frame. */
    static JsonNode invokeRefused(WsTestClient op, String nodeId, String command, Object params) {
        return op.awaitResponse(invokeAsync(op, nodeId, command, params, 5_000), WsTestClient.WAIT);
    }

    /** The {@code details.reason} of an error response. */
    static String reason(JsonNode res) {
        return WsTestClient.text(res.path("error").path("details").path("reason"));
    }

    /** The {@code details.code} of an error response. */
    static String code(JsonNode res) {
        return WsTestClient.text(res.path("error").path("details").path("code"));
    }
}
