package dev.talon.bench;

import dev.talon.bench.Frames.Frame;
import dev.talon.bench.Transport.WsConn;
import dev.talon.bench.Transport.WsHandler;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * One protocol connection: waits for {@code connect.challenge}, answers with a signed {@code connect},
 * completes {@link #hello()} on hello-ok, then hands every further frame to a {@link FrameHandler}.
 */
final class GatewayClient implements WsHandler {
    /** Receives frames after hello-ok, serially per connection. */
    @FunctionalInterface
    interface FrameHandler {
        FrameHandler IGNORE = (c, f) -> {};

        void onFrame(GatewayClient client, Frame frame);
    }

    private final ConnectSpec spec;
    private final FrameHandler handler;
    private final String connectId = "1:" + UUID.randomUUID();
    private final CompletableFuture<Frame> hello = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile WsConn conn;

    private GatewayClient(ConnectSpec spec, FrameHandler handler) {
        this.spec = spec;
        this.handler = handler;
    }

    /** Starts connecting; watch {@link #hello()} for the outcome. */
    static GatewayClient open(ConnectSpec spec, FrameHandler handler) {
        GatewayClient c = new GatewayClient(spec, handler);
        CompletableFuture<WsConn> opening;
        try {
            opening = spec.transport().connect(spec.url(), c);
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((conn, e) -> {
            if (e != null) {
                c.fail("connect to " + spec.url() + " failed: " + rootMessage(e));
            }
        });
        return c;
    }

    /**
     * Completes with the hello-ok {@code res} frame (left unparsed: it is large and only the load
     * matters here), or exceptionally with a {@link BenchException}.
     */
    CompletableFuture<Frame> hello() {
        return hello;
    }

    /** Completes with "code reason" when the socket is closed or fails. */
    CompletableFuture<String> closed() {
        return closed;
    }

    void send(String frame) {
        conn.send(frame);
    }

    void close() {
        WsConn c = conn;
        if (c != null) {
            c.close();
        }
    }

    void abort() {
        WsConn c = conn;
        if (c != null) {
            c.abort();
        }
    }

    boolean isOpen() {
        WsConn c = conn;
        return c != null && c.isOpen() && !closed.isDone();
    }

    @Override
    public void onOpen(WsConn c) {
        conn = c;
    }

    @Override
    public void onText(String text) {
        if (hello.isDone()) {
            handler.onFrame(this, Frames.parse(text));
            return;
        }
        try {
            handshakeFrame(Frames.parse(text));
        } catch (RuntimeException e) {
            fail("bad handshake frame: " + e.getMessage());
        }
    }

    private void handshakeFrame(Frame f) {
        if (f.isEvent("connect.challenge")) {
            JsonNode payload = Frames.tree(f.raw()).path("payload");
            String nonce = payload.path("nonce").asString("");
            long ts = payload.path("ts").asLong(System.currentTimeMillis());
            conn.send(Frames.connect(connectId, spec, nonce, ts));
        } else if (f.isRes() && connectId.equals(f.id())) {
            if (f.ok()) {
                hello.complete(f);
            } else {
                fail("connect rejected: " + Frames.error(f));
            }
        }
    }

    @Override
    public void onClose(int code, String reason) {
        closed.complete(code + " " + reason);
        fail("closed " + code + " " + reason);
    }

    @Override
    public void onError(Throwable error) {
        closed.complete("error " + rootMessage(error));
        fail("socket error: " + rootMessage(error));
    }

    private void fail(String why) {
        if (hello.completeExceptionally(new BenchException(why))) {
            abort();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
