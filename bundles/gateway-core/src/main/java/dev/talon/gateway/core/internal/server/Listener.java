package dev.talon.gateway.core.internal.server;

import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.conn.ConnectionListener;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.protocol.Frames;
import dev.talon.gateway.core.internal.protocol.Dispatcher;
import dev.talon.gateway.core.internal.protocol.Handshake;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection lifecycle: admission, challenge, handshake timeout, handing frames to the worker pool, and
 * cleanup. Called on Jetty threads; never blocks them.
 */
final class Listener implements ConnectionListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    /** How long {@link #closeAll} waits for close frames to be flushed before the listener stops. */
    private static final long CLOSE_GRACE_MS = 1_000;

    private final GatewayContext ctx;
    private final Handshake handshake;
    private final Dispatcher dispatcher;

    Listener(GatewayContext ctx) {
        this.ctx = ctx;
        this.handshake = new Handshake(ctx);
        this.dispatcher = new Dispatcher(ctx);
    }

    @Override
    public void opened(Connection c) {
        int max = ctx.settings().get().maxConnections();
        if (!ctx.hub().admit(c, max)) {
            ctx.metrics().count("connections.refusedAtCapacity");
            LOG.debug("Refusing connection from {}: {} connections open", c.remoteIp(), max);
            c.close(1013, "gateway at capacity (maxConnections " + max + ")");
            return;
        }
        ctx.metrics().count("connections.opened");
        String nonce = UUID.randomUUID().toString();
        long ts = System.currentTimeMillis();
        c.challenge(nonce, ts, ctx.workers().timers().schedule(() -> handshakeTimedOut(c),
                GatewayContext.HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        c.send(Frames.eventHead("connect.challenge", Map.of("nonce", nonce, "ts", ts), null) + "}");
    }

    @Override
    public void handshake(Connection c, String text) {
        try {
            ctx.workers().pool().execute(() -> handshake.process(c, text));
        } catch (RejectedExecutionException busy) {
            ctx.metrics().count("handshake.busy");
            c.close(1013, "gateway busy");
        }
    }

    @Override
    public void request(Connection c, String text) {
        try {
            ctx.workers().pool().execute(() -> dispatcher.dispatch(c, text));
        } catch (RejectedExecutionException busy) {
            dispatcher.busy(c, text);
        }
    }

    @Override
    public void binary(Connection c) {
        ctx.metrics().count("frames.binary");
        if (!c.isOpen()) {
            c.close(1008, "invalid request frame");
        }
    }

    @Override
    public void slowConsumer(Connection c) {
        ctx.metrics().count("connections.slowConsumer");
        LOG.debug("Closing slow consumer {} ({} bytes buffered)", c.id(), c.bufferedBytes());
    }

    @Override
    public void closed(Connection c, int code, String reason) {
        ctx.hub().remove(c);
        ctx.metrics().count("connections.closed");
        Principal p = c.principal();
        if (p != null) {
            ctx.presence().disconnected(Handshake.presenceKey(c, p), p);
        }
        LOG.debug("Connection {} closed ({})", c.id(), code);
    }

    private void handshakeTimedOut(Connection c) {
        if (!c.isOpen() && c.state() != Connection.State.CLOSED) {
            ctx.metrics().count("handshake.timeout");
            c.close(1000, "");
        }
    }

    /** Releases the dispatcher's timer. */
    void close() {
        dispatcher.close();
    }

    /** Closes shared-secret sessions after the secret or mode changed (protocol: 4001). */
    void invalidateSharedSecretSessions() {
        int n = 0;
        for (Connection c : ctx.hub().all()) {
            Principal p = c.principal();
            if (p != null && p.sharedSecret()) {
                c.close(4001, "gateway auth changed");
                n++;
            }
        }
        LOG.info("Gateway auth changed: closed {} shared-secret session(s); new connections use the new secret", n);
    }

    /** Closes every connection and waits briefly for the close frames to leave. */
    void closeAll(int code, String reason) {
        List<Connection> all = new java.util.ArrayList<>();
        ctx.hub().all().forEach(all::add);
        all.forEach(c -> c.close(code, reason));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MS);
        while (ctx.hub().size() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
