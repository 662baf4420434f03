package dev.talon.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tiny stand-in gateway for testing the harness: challenge, signed connect (really verified),
 * {@code health}, {@code system-event} broadcasting {@code presence} to read-scoped sessions, and a minimal
 * node surface: node connects create a pending {@code node.pair} request, {@code node.pair.list/approve},
 * and {@code node.invoke} routed to the node and back via {@code node.invoke.result}.
 */
final class FakeGateway implements AutoCloseable {
    private static final int MAX_PRESENCE = 200;

    final String token;
    final AtomicLong handshakes = new AtomicLong();
    final AtomicLong presenceVersion = new AtomicLong();
    private final Set<FakeSession> readers = ConcurrentHashMap.newKeySet();
    private final Deque<ObjectNode> presence = new ArrayDeque<>();
    /** Node id → its connection; pending request id → node id; approved node ids; seen idempotency keys. */
    private final Map<String, FakeSession> nodes = new ConcurrentHashMap<>();

    private final Map<String, String> pairRequests = new ConcurrentHashMap<>();
    private final Set<String> approved = ConcurrentHashMap.newKeySet();
    private final Set<String> invokeKeys = ConcurrentHashMap.newKeySet();
    /** Invoke id → the operator connection and its request id. */
    private final Map<String, Map.Entry<FakeSession, String>> invokes = new ConcurrentHashMap<>();

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    FakeGateway(String token, int port) {
        this.token = token;
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandler ctx = new ContextHandler("/");
        ctx.setHandler(WebSocketUpgradeHandler.from(
                server, ctx, c -> c.addMapping("/*", (rq, rs, cb) -> new FakeSession(this))));
        server.setHandler(ctx);
    }

    FakeGateway start() throws Exception {
        server.start();
        return this;
    }

    int port() {
        return connector.getLocalPort();
    }

    String url() {
        return "ws://127.0.0.1:" + port();
    }

    void join() throws InterruptedException {
        server.join();
    }

    void addReader(FakeSession s) {
        readers.add(s);
    }

    void removeReader(FakeSession s) {
        readers.remove(s);
    }

    /** Upserts a presence entry for {@code text} and broadcasts the list to every reader. */
    void systemEvent(String text) {
        String payload;
        synchronized (presence) {
            presence.removeIf(e -> text.equals(e.path("text").asString()));
            presence.addFirst(Frames.JSON
                    .createObjectNode()
                    .put("text", text)
                    .put("reason", "system-event")
                    .put("mode", "cli")
                    .put("ts", System.currentTimeMillis()));
            while (presence.size() > MAX_PRESENCE) {
                presence.removeLast();
            }
            ArrayNode list = Frames.JSON.createArrayNode();
            presence.forEach(list::add);
            payload = Frames.JSON.writeValueAsString(
                    Frames.JSON.createObjectNode().set("presence", list));
        }
        long version = presenceVersion.incrementAndGet();
        readers.forEach(s -> s.sendEvent("presence", payload, version));
    }

    /** A node connected: remember it and announce a pending surface request to readers. */
    void nodeConnected(String nodeId, FakeSession s) {
        nodes.put(nodeId, s);
        String requestId = UUID.randomUUID().toString();
        pairRequests.put(requestId, nodeId);
        String payload = "{\"requestId\":\"" + requestId + "\",\"nodeId\":\"" + nodeId + "\"}";
        readers.forEach(r -> r.sendPlainEvent("node.pair.requested", payload));
    }

    void nodeGone(String nodeId) {
        if (nodeId != null) {
            nodes.remove(nodeId);
        }
    }

    ObjectNode pairList() {
        ObjectNode r = Frames.JSON.createObjectNode();
        ArrayNode pending = r.putArray("pending");
        pairRequests.forEach(
                (req, node) -> pending.addObject().put("requestId", req).put("nodeId", node));
        ArrayNode paired = r.putArray("paired");
        approved.forEach(n -> paired.addObject().put("nodeId", n));
        return r;
    }

    /** Approves a pending request and tells the node; false when unknown. */
    boolean approve(String requestId) {
        String nodeId = pairRequests.remove(requestId);
        if (nodeId == null) {
            return false;
        }
        approved.add(nodeId);
        FakeSession n = nodes.get(nodeId);
        if (n != null) {
            n.sendPlainEvent("node.pair.resolved", "{\"requestId\":\"" + requestId + "\",\"decision\":\"approved\"}");
        }
        return true;
    }

    /** Forwards an invoke to its node; returns an error message, or null when dispatched. */
    String invoke(FakeSession operator, String reqId, String nodeId, String command, String paramsJson, String key) {
        if (key.isEmpty() || !invokeKeys.add(key)) {
            return "idempotencyKey missing or reused: " + key;
        }
        FakeSession n = nodes.get(nodeId);
        if (n == null || !approved.contains(nodeId)) {
            return n == null ? "node not connected" : "surface pending approval";
        }
        String id = UUID.randomUUID().toString();
        invokes.put(id, Map.entry(operator, reqId));
        ObjectNode p = Frames.JSON
                .createObjectNode()
                .put("id", id)
                .put("nodeId", nodeId)
                .put("command", command)
                .put("paramsJSON", paramsJson)
                .put("idempotencyKey", key);
        n.sendPlainEvent("node.invoke.request", Frames.JSON.writeValueAsString(p));
        return null;
    }

    /** A node's result: answers the waiting operator; false for an unknown invoke id. */
    boolean invokeResult(String id, String nodeId, String payloadJson) {
        Map.Entry<FakeSession, String> waiting = invokes.remove(id);
        if (waiting == null) {
            return false;
        }
        ObjectNode res = Frames.JSON.createObjectNode().put("ok", true).put("nodeId", nodeId);
        res.set("payload", Frames.tree(payloadJson));
        res.put("payloadJSON", payloadJson);
        waiting.getKey().respondTo(waiting.getValue(), res);
        return true;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
