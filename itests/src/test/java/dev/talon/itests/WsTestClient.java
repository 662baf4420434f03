package dev.talon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A protocol-level test client on the JDK's {@link WebSocket}: runs inside the container, needs no extra bundle.
 * Every inbound text message is parsed (Jackson 3) and queued; {@link #next} and {@link #call} wait on that
 * queue with timeouts. Not thread-safe: one test thread drives it.
 */
public final class WsTestClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Default wait for a frame or a close. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** How the server (or the transport) ended the connection. */
    public record Close(int code, String reason) {}

    private final BlockingQueue<JsonNode> inbound = new LinkedBlockingQueue<>();
    /** Frames skipped by {@link #call} while it looked for its response, in arrival order. */
    private final Deque<JsonNode> skipped = new ArrayDeque<>();

    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket ws;
    private JsonNode hello;

    private WsTestClient(int port) {
        Receiver receiver = new Receiver();
        try {
            ws = HTTP.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), receiver)
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to port " + port, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open a WebSocket to 127.0.0.1:" + port + ": " + e.getCause(), e);
        }
    }

    /** Opens a WebSocket to the gateway on {@code port}; nothing is read yet. */
    public static WsTestClient open(int port) {
        return new WsTestClient(port);
    }

    /**
     * Opens a connection, checks the challenge, and completes the handshake as the local CLI
     * ({@code cli}/{@code cli}) with {@code token} and {@code scopes}; fails unless hello-ok arrives.
     *
     * @return the connected client; {@link #hello()} holds the hello-ok payload
     */
    public static WsTestClient operator(int port, String token, String... scopes) {
        WsTestClient c = open(port);
        try {
            c.awaitChallenge();
            JsonNode res = c.connect(connectParams("cli", "cli", token, scopes));
            assertTrue("connect refused: " + res, res.path("ok").asBoolean(false));
            c.hello = res.path("payload");
            return c;
        } catch (RuntimeException | AssertionError e) {
            c.close();
            throw e;
        }
    }

    /** The hello-ok payload of a client made by {@link #operator}, else null. */
    public JsonNode hello() {
        return hello;
    }

    /** Connect params for protocol 4 with the given client identity, token and scopes. */
    public static Map<String, Object> connectParams(String clientId, String mode, String token, String... scopes) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("minProtocol", 4);
        p.put("maxProtocol", 4);
        p.put("client", Map.of("id", clientId, "version", "it", "platform", "linux", "mode", mode));
        p.put("role", "operator");
        p.put("scopes", List.of(scopes));
        if (token != null) {
            p.put("auth", Map.of("token", token));
        }
        return p;
    }

    /** Waits for the first frame and checks it is the {@code connect.challenge} event. */
    public JsonNode awaitChallenge() {
        JsonNode f = next(WAIT);
        assertEquals("first frame must be an event: " + f, "event", text(f.path("type")));
        assertEquals("connect.challenge", text(f.path("event")));
        return f;
    }

    /** Sends {@code connect} with {@code params}; returns its response frame. */
    public JsonNode connect(Map<String, Object> params) {
        return call("connect", params);
    }

    /**
     * Sends a request and waits for the response with the same id. Events (and anything else) that arrive
     * meanwhile are kept for {@link #awaitEvent}.
     */
    public JsonNode call(String method, Object params) {
        return call(method, params, WAIT);
    }

    /** {@link #call(String, Object)} with an explicit wait. */
    public JsonNode call(String method, Object params, Duration wait) {
        String id = "it-" + ids.incrementAndGet();
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("type", "req");
        req.put("id", id);
        req.put("method", method);
        if (params != null) {
            req.put("params", params);
        }
        send(JSON.writeValueAsString(req));
        return awaitResponse(id, wait);
    }

    /** Waits for the {@code res} frame with {@code id}. */
    public JsonNode awaitResponse(String id, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode f = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if ("res".equals(text(f.path("type"))) && id.equals(text(f.path("id")))) {
                return f;
            }
            skipped.addLast(f);
        }
    }

    /** Waits for an event named {@code name} (also looking at frames skipped earlier). */
    public JsonNode awaitEvent(String name, Duration wait) {
        for (JsonNode f : skipped) {
            if (isEvent(f, name)) {
                skipped.remove(f);
                return f;
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode f = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (isEvent(f, name)) {
                return f;
            }
            skipped.addLast(f);
        }
    }

    /** The next inbound frame; fails when none arrives in time (the close, if any, is in the message). */
    public JsonNode next(Duration wait) {
        try {
            JsonNode f = inbound.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                fail("no frame within " + wait.toMillis() + " ms"
                        + (closed.isDone() ? "; connection closed " + closed.getNow(null) : ""));
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one text frame as is. */
    public void send(String text) {
        ws.sendText(text, true).join();
    }

    /** Sends one text frame without waiting for it to be written (the server may close mid-frame). */
    public CompletableFuture<WebSocket> sendAsync(String text) {
        return ws.sendText(text, true);
    }

    /** Waits for the connection to close and returns how. */
    public Close awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("connection still open after " + wait.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether the connection has been closed (by either side or the transport). */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Frames received and not yet consumed, without waiting. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>(skipped);
        skipped.clear();
        inbound.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(x -> null);
        }
        ws.abort();
    }

    /** The string value of {@code n}, or null when it is not a string. */
    public static String text(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }

    private static boolean isEvent(JsonNode f, String name) {
        return "event".equals(text(f.path("type"))) && name.equals(text(f.path("event")));
    }

    /** Collects text messages (possibly fragmented) and the close. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                try {
                    inbound.add(JSON.readTree(message));
                } catch (RuntimeException e) {
                    inbound.add(
                            JSON.createObjectNode().put("type", "unparsable").put("text", message));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(-1, String.valueOf(error)));
        }
    }
}
