package dev.talon.gateway.core.internal.conn;

import dev.talon.gateway.core.internal.runtime.GatewayContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client: its handshake state, identity, outbound queue accounting and event {@code seq}.
 *
 * <p>Inbound text is handed to the {@link ConnectionListener} (handshake, then dispatch), which runs the work
 * on the worker pool, never on the Jetty thread. Outbound frames are written asynchronously; {@link #sendLock}
 * orders {@code seq} assignment with enqueueing so a client sees events in {@code seq} order, and only Jetty's
 * non-blocking enqueue runs under it.
 *
 * <p>Responses of requests that overlap on one connection are written together. While more than one of the
 * connection's requests is queued for or running on a worker ({@link #beginDispatch}), a response is only queued and a
 * flush is handed to the flusher thread, unless one is already waiting there; that flush writes every frame queued by
 * then with one gathering write. A lone request's response is written at once, as are events. A socket write per
 * response was ≈ 75 % of the workers' CPU at 32 connections × 32 requests in flight (docs/PERFORMANCE.md).
 */
public final class Connection implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Frames queued while {@code connect} is processed, before the connection is closed (protocol: 15). */
    public static final int MAX_PENDING_HANDSHAKE_FRAMES = 15;

    public enum State {
        AWAITING_CONNECT,
        HANDSHAKING,
        OPEN,
        CLOSED
    }

    private final String id = UUID.randomUUID().toString();
    private final ConnectionListener listener;
    /** Runs deferred flushes (never a worker: its queue can be long under load). */
    private final Executor flusher;
    /** Requests handed to the workers whose handlers have not returned yet. */
    private final AtomicInteger dispatches = new AtomicInteger();
    /** A flush is queued on {@link #flusher} and has not started. */
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    private final Runnable deferredFlush = () -> {
        flushQueued.set(false);
        flush();
    };
    private final long maxBufferedBytes;
    private final AtomicLong buffered = new AtomicLong();
    private final Object sendLock = new Object();
    /** Guarded by sendLock. */
    private long seq;
    /** Guarded by sendLock. */
    private final List<String> pendingFrames = new ArrayList<>();

    private volatile State state = State.AWAITING_CONNECT;
    private volatile Session session;
    /** Jetty's core session behind {@link #session}: frames are queued under sendLock, written after it. */
    private volatile CoreSession core;
    /** A fragmented text message being assembled; only Jetty's delivering thread touches it. */
    private Utf8.Accumulator fragments;
    /** The largest text message accepted, in bytes. */
    private volatile long maxMessageBytes = GatewayContext.MAX_PREAUTH_PAYLOAD;

    private volatile Principal principal;
    private volatile String nonce;
    private volatile long challengeTs;
    private volatile ScheduledFuture<?> handshakeTimer;
    private String remoteIp = "";
    private boolean loopback;
    private int consecutiveRoleErrors;

    /** A connection whose deferred flushes run on the calling thread (tests). */
    public Connection(ConnectionListener listener, long maxBufferedBytes) {
        this(listener, maxBufferedBytes, Runnable::run);
    }

    /** @param flusher runs the flushes of responses to overlapping requests (see the class comment) */
    public Connection(ConnectionListener listener, long maxBufferedBytes, Executor flusher) {
        this.listener = listener;
        this.maxBufferedBytes = maxBufferedBytes;
        this.flusher = flusher;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        if (s instanceof WebSocketSession ws) {
            core = ws.getCoreSession();
        }
        SocketAddress a = s.getRemoteSocketAddress();
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            remoteIp = inet.getAddress().getHostAddress();
            loopback = inet.getAddress().isLoopbackAddress();
        }
        listener.opened(this);
    }

    /**
     * Every data frame, decoded here rather than by Jetty's message sinks: those allocate a builder of the input
     * buffer size (4 KiB) for every message, which was the larger part of the gateway's garbage under load. A text
     * message is UTF-8 checked (invalid: close 1007, as Jetty does) and handed on whole; fragments are collected
     * up to the current message limit (pre-auth 64 KiB, then {@code maxPayload}; over it: close 1009); each frame
     * is also held to that limit by Jetty's parser. The first frame of a binary message is reported once. Jetty
     * delivers one connection's frames one at a time, and the payload is only read before the callback.
     */
    @Override
    public void onWebSocketFrame(org.eclipse.jetty.websocket.api.Frame frame, Callback callback) {
        try {
            byte op = frame.getEffectiveOpCode();
            if (op == OpCode.TEXT) {
                text(frame.getPayload(), frame.isFin());
            } else if (op == OpCode.BINARY && frame.getOpCode() == OpCode.BINARY) {
                listener.binary(this);
            }
        } finally {
            callback.succeed();
        }
    }

    private void text(ByteBuffer payload, boolean fin) {
        if (fragments == null && fin) {
            deliver(Utf8.decode(payload));
            return;
        }
        if (fragments == null) {
            fragments = new Utf8.Accumulator();
        }
        if (!fragments.append(payload, maxMessageBytes)) {
            fragments = null;
            close(1009, "Text message too large: > " + maxMessageBytes);
            return;
        }
        if (fin) {
            String text = fragments.decode();
            fragments = null;
            deliver(text);
        }
    }

    /** A decoded text message, or null for invalid UTF-8 (close 1007). */
    private void deliver(String text) {
        if (text == null) {
            close(1007, "Invalid UTF-8");
        } else {
            onText(text);
        }
    }

    private void onText(String text) {
        synchronized (sendLock) {
            if (state == State.HANDSHAKING) {
                if (pendingFrames.size() >= MAX_PENDING_HANDSHAKE_FRAMES) {
                    close(1008, "too many pending handshake frames");
                } else {
                    pendingFrames.add(text);
                }
                return;
            }
        }
        if (state == State.AWAITING_CONNECT) {
            state = State.HANDSHAKING;
            listener.handshake(this, text);
        } else if (state == State.OPEN) {
            listener.request(this, text);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        state = State.CLOSED;
        ScheduledFuture<?> t = handshakeTimer;
        if (t != null) {
            t.cancel(false);
        }
        listener.closed(this, statusCode, reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Connection {} error: {}", id, cause.toString());
    }

    /**
     * Completes the handshake: sends hello-ok, switches to the post-auth frame limit, and replays frames that
     * arrived meanwhile through {@link ConnectionListener#request}.
     */
    public void open(Principal p, String helloFrame, long maxPayload) {
        List<String> queued;
        synchronized (sendLock) {
            if (state != State.HANDSHAKING) {
                return;
            }
            principal = p;
            cancelHandshakeTimer();
            session.setMaxFrameSize(maxPayload);
            maxMessageBytes = maxPayload;
            write(helloFrame);
            state = State.OPEN;
            queued = List.copyOf(pendingFrames);
            pendingFrames.clear();
        }
        flush();
        queued.forEach(f -> listener.request(this, f));
    }

    /** Sends a frame outside the event sequence (responses, challenge, point-to-point events). */
    public boolean send(String frame) {
        return send(frame, null);
    }

    /** {@link #send(String)} for a frame that is already UTF-8 text (a response from {@code Frames.okUtf8}). */
    public boolean send(byte[] utf8Frame) {
        return send(null, utf8Frame);
    }

    private boolean send(String text, byte[] utf8) {
        synchronized (sendLock) {
            if (state == State.CLOSED) {
                return false;
            }
            if (buffered.get() + (text != null ? text.length() : utf8.length) > maxBufferedBytes) {
                slowConsumer();
                return false;
            }
            write(text, utf8);
        }
        if (dispatches.get() > 1) {
            flushSoon();
        } else {
            flush();
        }
        return true;
    }

    /** Has the flusher write what is queued, unless a flush that has not started yet is already waiting there. */
    private void flushSoon() {
        if (flushQueued.compareAndSet(false, true)) {
            try {
                flusher.execute(deferredFlush);
            } catch (RejectedExecutionException stopping) {
                flushQueued.set(false);
                flush();
            }
        }
    }

    /**
     * Counts a request about to be handed to a worker, which then runs it with {@link #dispatch}; call
     * {@link #dispatchRefused} instead when the hand-off fails.
     */
    public void beginDispatch() {
        dispatches.incrementAndGet();
    }

    /** Undoes {@link #beginDispatch} for a request that never reached a worker. */
    public void dispatchRefused() {
        dispatches.decrementAndGet();
    }

    /** Runs one of this connection's requests (counted by {@link #beginDispatch}) on the calling worker thread. */
    public void dispatch(Runnable work) {
        try {
            work.run();
        } finally {
            dispatches.decrementAndGet();
        }
    }

    /**
     * Sends a broadcast event with this connection's next {@code seq}. A droppable event over the buffer
     * limit is skipped but still consumes its number; a non-droppable one closes the connection (1008).
     *
     * @param head the frame without its closing brace, from {@code Frames.eventHead}
     */
    public void sendEvent(String head, boolean droppable) {
        synchronized (sendLock) {
            if (state != State.OPEN) {
                return;
            }
            long n = ++seq;
            String frame = head + ",\"seq\":" + n + "}";
            if (buffered.get() + frame.length() > maxBufferedBytes) {
                if (!droppable) {
                    slowConsumer();
                }
                return;
            }
            write(frame);
        }
        flush();
    }

    /**
     * Guarded by sendLock, so frames are queued in {@code seq} order. The frame is only queued (Jetty's batch
     * mode); {@link #flush} after the lock writes it, together with whatever other threads queued meanwhile, so
     * no socket write happens under sendLock and concurrent responses share one gathering write. The callback
     * releases the accounted bytes.
     */
    private void write(String frame) {
        write(frame, null);
    }

    /** {@code text} or, when null, {@code utf8}; sizes are accounted in chars or bytes respectively. */
    private void write(String text, byte[] utf8) {
        long size = text != null ? text.length() : utf8.length;
        buffered.addAndGet(size);
        CoreSession c = core;
        if (c != null) {
            Frame frame = new Frame(OpCode.TEXT);
            c.sendFrame(
                    text != null ? frame.setPayload(text) : frame.setPayload(ByteBuffer.wrap(utf8)),
                    org.eclipse.jetty.util.Callback.from(
                            () -> buffered.addAndGet(-size), x -> buffered.addAndGet(-size)),
                    true);
        } else {
            session.sendText(
                    text != null ? text : new String(utf8, StandardCharsets.UTF_8),
                    Callback.from(() -> buffered.addAndGet(-size), x -> buffered.addAndGet(-size)));
        }
    }

    /** Writes the frames queued by {@link #write}; a no-op when another thread's flush already took them. */
    private void flush() {
        CoreSession c = core;
        if (c != null) {
            c.flush(org.eclipse.jetty.util.Callback.NOOP);
        }
    }

    private void slowConsumer() {
        listener.slowConsumer(this);
        close(1008, "slow consumer");
    }

    /** Closes with {@code code} and {@code reason} truncated to the 123-byte WebSocket limit. Idempotent. */
    public void close(int code, String reason) {
        Session s = session;
        State previous = state;
        state = State.CLOSED;
        cancelHandshakeTimer();
        if (s != null && previous != State.CLOSED) {
            s.close(code, truncate(reason), Callback.NOOP);
        }
    }

    /** Sends a WebSocket ping (keepalive); a dead peer then hits the idle timeout. */
    public void ping() {
        Session s = session;
        if (s != null && state == State.OPEN) {
            s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    static String truncate(String reason) {
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        if (b.length <= 123) {
            return reason;
        }
        int end = 123;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    private void cancelHandshakeTimer() {
        ScheduledFuture<?> t = handshakeTimer;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Counts consecutive {@code unauthorized role} errors; returns the new count. Reset by any other call. */
    public synchronized int roleError(boolean failed) {
        consecutiveRoleErrors = failed ? consecutiveRoleErrors + 1 : 0;
        return consecutiveRoleErrors;
    }

    public void challenge(String nonce, long ts, ScheduledFuture<?> timer) {
        this.nonce = nonce;
        this.challengeTs = ts;
        this.handshakeTimer = timer;
    }

    public String id() {
        return id;
    }

    public State state() {
        return state;
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    public Principal principal() {
        return principal;
    }

    public String nonce() {
        return nonce;
    }

    public long challengeTs() {
        return challengeTs;
    }

    public String remoteIp() {
        return remoteIp;
    }

    public boolean isLoopback() {
        return loopback;
    }

    public long bufferedBytes() {
        return buffered.get();
    }

    public long lastSeq() {
        synchronized (sendLock) {
            return seq;
        }
    }

    /**
     * The gateway's HTTP base URL as this client reached it: the upgrade's {@code Host} header when it is a
     * well-formed host[:port], else the local address the socket was accepted on.
     */
    public String httpBaseUrl() {
        return BaseUrl.of(header("Host"), session == null ? null : session.getLocalSocketAddress());
    }

    /** A request header of the upgrade request, or null. */
    public String header(String name) {
        Session s = session;
        return s == null ? null : s.getUpgradeRequest().getHeader(name);
    }
}
