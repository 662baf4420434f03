package dev.talon.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A protocol client on the JDK WebSocket: frames land in a queue; every wait has a timeout. */
final class WsClient implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    /** Events skipped while waiting for a response, kept for {@link #awaitEvent}. */
    private final java.util.Deque<JsonNode> skippedEvents = new java.util.ArrayDeque<>();

    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    volatile String closeReason;
    /** The {@code connect.challenge} payload. */
    volatile JsonNode challenge;
    /** The hello-ok payload, after {@link #connect}. */
    volatile JsonNode hello;

    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();

    private WsClient(String url) {
        ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(WAIT)
                .buildAsync(URI.create(url), new Listener())
                .join();
    }

    /** Opens a socket and returns it once the challenge arrived. */
    static WsClient open(String url) throws InterruptedException {
        WsClient c = new WsClient(url);
        JsonNode challenge = c.next();
        if (!"connect.challenge".equals(challenge.path("event").asString())) {
            throw new AssertionError("expected connect.challenge first, got " + challenge);
        }
        c.challenge = challenge.path("payload");
        return c;
    }

    /** Opens and completes a cli/cli handshake; returns the client with the hello-ok consumed. */
    static WsClient connect(String url, String token, List<String> scopes) throws InterruptedException {
        WsClient c = open(url);
        JsonNode res = c.request("connect", connectParams("cli", "cli", token, scopes));
        if (!res.path("ok").asBoolean()) {
            throw new AssertionError("connect failed: " + res);
        }
        c.hello = res.path("payload");
        return c;
    }

    static ObjectNode connectParams(String clientId, String mode, String token, List<String> scopes) {
        ObjectNode p = JSON.createObjectNode();
        p.put("minProtocol", 4).put("maxProtocol", 4).put("role", "operator");
        p.putObject("client")
                .put("id", clientId)
                .put("version", "e2e")
                .put("platform", "linux")
                .put("mode", mode);
        scopes.forEach(p.putArray("scopes")::add);
        if (token != null) {
            p.putObject("auth").put("token", token);
        }
        return p;
    }

    /** Sends a request and waits for its response, skipping events. */
    JsonNode request(String method, JsonNode params) throws InterruptedException {
        String id = "e2e-" + ids.incrementAndGet();
        ObjectNode frame =
                JSON.createObjectNode().put("type", "req").put("id", id).put("method", method);
        if (params != null) {
            frame.set("params", params);
        }
        sendRaw(frame.toString());
        return awaitResponse(id);
    }

    JsonNode awaitResponse(String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode f = frames.poll(100, TimeUnit.MILLISECONDS);
            if (f != null
                    && "res".equals(f.path("type").asString())
                    && id.equals(f.path("id").asString())) {
                return f;
            }
            if (f != null && "event".equals(f.path("type").asString())) {
                skippedEvents.add(f);
            }
        }
        throw new AssertionError("no response to " + id + " within " + WAIT);
    }

    /** The next event named {@code name}, skipping others. */
    JsonNode awaitEvent(String name) throws InterruptedException {
        for (JsonNode f : skippedEvents) {
            if (name.equals(f.path("event").asString())) {
                skippedEvents.remove(f);
                return f;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode f = frames.poll(100, TimeUnit.MILLISECONDS);
            if (f != null
                    && "event".equals(f.path("type").asString())
                    && name.equals(f.path("event").asString())) {
                return f;
            }
        }
        throw new AssertionError("no " + name + " event within " + WAIT);
    }

    /** The next response frame, keeping skipped events for {@link #awaitEvent}. */
    JsonNode nextResponse() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode f = frames.poll(100, TimeUnit.MILLISECONDS);
            if (f != null && "res".equals(f.path("type").asString())) {
                return f;
            }
            if (f != null) {
                skippedEvents.add(f);
            }
        }
        throw new AssertionError("no response within " + WAIT);
    }

    JsonNode next() throws InterruptedException {
        JsonNode f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError("no frame within " + WAIT);
        }
        return f;
    }

    void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    /** Waits for the server to close the socket; returns the close code. */
    int awaitClose() throws Exception {
        return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(1000, "").exceptionally(x -> null);
        }
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                frames.add(JSON.readTree(buffer.toString()));
                buffer.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closeReason = reason;
            closeCode.complete(code);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
