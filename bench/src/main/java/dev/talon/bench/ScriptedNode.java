package dev.talon.bench;

import dev.talon.bench.Frames.Frame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node that answers every {@code node.invoke.request} at once with a successful
 * {@code node.invoke.result} (PROTOCOL.md §3.4.3). Failed responses to those results count as errors.
 */
final class ScriptedNode implements GatewayClient.FrameHandler {
    static final List<String> CAPS = List.of("system");
    static final List<String> COMMANDS = List.of("system.which");

    /** What {@code system.which} answers: no binaries found. */
    static final String RESULT_PAYLOAD_JSON = "{\\\"bins\\\":{}}";

    private final String nodeId;
    private final ErrorLog errors;
    private final String resultTail;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final CompletableFuture<Void> resolved = new CompletableFuture<>();
    private volatile GatewayClient client;

    ScriptedNode(String nodeId, ErrorLog errors) {
        this.nodeId = nodeId;
        this.errors = errors;
        this.resultTail = ",\"nodeId\":\"" + nodeId + "\",\"ok\":true,\"payloadJSON\":\"" + RESULT_PAYLOAD_JSON + "\"}";
    }

    /** Connect params for node {@code i} of a run. */
    static ConnectSpec spec(Target target, int i) {
        return target.spec(List.of())
                .withDevice(target.newDevice())
                .withClient(ClientInfo.node("bench-node-" + i, CAPS, COMMANDS));
    }

    /** Starts connecting; see {@link GatewayClient#hello()}. */
    GatewayClient open(ConnectSpec spec) {
        client = GatewayClient.open(spec, this);
        return client;
    }

    String nodeId() {
        return nodeId;
    }

    GatewayClient client() {
        return client;
    }

    /** Completes on the point-to-point {@code node.pair.resolved} the gateway sends after approval. */
    CompletableFuture<Void> resolved() {
        return resolved;
    }

    long answered() {
        return answered.get();
    }

    @Override
    public void onFrame(GatewayClient c, Frame f) {
        if (f.isEvent("node.invoke.request")) {
            String id = Frames.payloadString(f.raw(), "id");
            if (id == null) {
                errors.add("node.invoke.request without a string payload.id: " + f.raw());
                return;
            }
            c.send(Frames.request(
                    "r" + ids.incrementAndGet(), "node.invoke.result", "{\"id\":" + quote(id) + resultTail));
            answered.incrementAndGet();
        } else if (f.isRes()) {
            if (f.id() == null || !f.id().startsWith("r")) {
                errors.add("node " + nodeId.substring(0, 8) + " got a response with an unknown id " + f.id());
            } else if (!f.ok()) {
                errors.add("node " + nodeId.substring(0, 8) + " node.invoke.result " + Frames.error(f));
            }
        } else if (f.isEvent("node.pair.resolved")) {
            resolved.complete(null);
        }
    }

    /** A JSON string literal; invoke ids are UUIDs, so escaping is only a safety net. */
    static String quote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\' || ch < 0x20) {
                return Frames.JSON.writeValueAsString(s);
            }
        }
        return "\"" + s + "\"";
    }
}
