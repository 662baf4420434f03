package dev.talon.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
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
 * {@code health}, and {@code system-event} broadcasting {@code presence} to read-scoped sessions.
 */
final class FakeGateway implements AutoCloseable {
    private static final int MAX_PRESENCE = 200;

    final String token;
    final AtomicLong handshakes = new AtomicLong();
    final AtomicLong presenceVersion = new AtomicLong();
    private final Set<FakeSession> readers = ConcurrentHashMap.newKeySet();
    private final Deque<ObjectNode> presence = new ArrayDeque<>();
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

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
