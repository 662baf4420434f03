package dev.talon.cli;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tiny scripted gateway on 127.0.0.1 (ephemeral port): sends {@code connect.challenge}, checks the token,
 * answers {@code hello-ok}, then answers each request from {@link #handlers} (payload or error) after pushing a
 * noise {@code tick} event. Every received frame is recorded in {@link #received}.
 */
public final class FakeGateway implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    /** method → response frame members ({@code ok}, {@code payload} or {@code error}); unknown methods fail; a null result sends nothing. */
    final Map<String, Function<JsonNode, ObjectNode>> handlers = new ConcurrentHashMap<>();

    volatile String expectedToken = "s3cret";
    volatile boolean silent;

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    FakeGateway() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(
                WebSocketUpgradeHandler.from(server, context, c -> c.addMapping("/", (rq, rs, cb) -> new Endpoint())));
        server.setHandler(context);
        server.start();
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort());
    }

    static ObjectNode ok(JsonNode payload) {
        ObjectNode res = JSON.createObjectNode().put("ok", true);
        res.set("payload", payload);
        return res;
    }

    static ObjectNode error(String code, String message) {
        ObjectNode res = JSON.createObjectNode().put("ok", false);
        res.putObject("error").put("code", code).put("message", message);
        return res;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public final class Endpoint implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            if (!silent) {
                send(JSON.createObjectNode()
                        .put("type", "event")
                        .put("event", "connect.challenge")
                        .set(
                                "payload",
                                JSON.createObjectNode()
                                        .put("nonce", UUID.randomUUID().toString())));
            }
        }

        @Override
        public void onWebSocketText(String text) {
            JsonNode frame = JSON.readTree(text);
            received.add(frame);
            String method = frame.path("method").asString("");
            ObjectNode res = method.equals("connect") ? connect(frame) : answer(frame, method);
            if (res == null) {
                return; // scripted silence: the client must time out
            }
            send(JSON.createObjectNode()
                    .put("type", "event")
                    .put("event", "tick")
                    .put("seq", 1));
            ObjectNode out = JSON.createObjectNode()
                    .put("type", "res")
                    .put("id", frame.path("id").asString(""));
            out.setAll(res);
            send(out);
            if (method.equals("connect") && !res.path("ok").asBoolean()) {
                session.close(1008, "unauthorized", Callback.NOOP);
            }
        }

        private ObjectNode connect(JsonNode frame) {
            if (!expectedToken.equals(
                    frame.path("params").path("auth").path("token").asString(""))) {
                ObjectNode err = error("INVALID_REQUEST", "unauthorized: gateway token mismatch");
                ((ObjectNode) err.path("error")).putObject("details").put("code", "AUTH_TOKEN_MISMATCH");
                return err;
            }
            ObjectNode hello = JSON.createObjectNode().put("type", "hello-ok").put("protocol", 4);
            hello.putObject("server").put("version", "9.9.9").put("connId", "c1");
            hello.putObject("snapshot").put("uptimeMs", 61_000);
            return ok(hello);
        }

        private ObjectNode answer(JsonNode frame, String method) {
            var handler = handlers.get(method);
            return handler == null
                    ? error("INVALID_REQUEST", "unknown method: " + method)
                    : handler.apply(frame.path("params"));
        }

        private void send(JsonNode frame) {
            session.sendText(JSON.writeValueAsString(frame), Callback.NOOP);
        }
    }
}
