package dev.talon.gateway.core.internal.server;

import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.conn.ConnectionListener;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.protocol.Dispatcher;
import dev.talon.gateway.core.internal.protocol.Frames;
import dev.talon.gateway.core.internal.protocol.Handshake;
import dev.talon.gateway.core.internal.protocol.RequestFrames;
import dev.talon.gateway.core.internal.protocol.Sanitize;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import dev.talon.gateway.core.internal.security.ClientAddress;
import dev.talon.gateway.core.internal.security.OriginPolicy;
import dev.talon.gateway.core.internal.security.PreauthLimiter;
import dev.talon.gateway.core.internal.security.SecuritySettings;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Connection lifecycle: admission (proxy attribution, unauthenticated sockets per client, capacity), challenge,
 * browser origin check, handshake timeout, handing frames to the worker pool, and cleanup. Called on Jetty
 * threads; never blocks them.
 */
final class Listener implements ConnectionListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    /** How long {@link #closeAll} waits for close frames to be flushed before the listener stops. */
    private static final long CLOSE_GRACE_MS = 1_000;

    private final GatewayContext ctx;
    private final Handshake handshake;
    private final Dispatcher dispatcher;
    /** A slot per connection from open until hello-ok or close (protocol §1.1.2). */
    private final PreauthLimiter preauth;

    Listener(GatewayContext ctx) {
        this.ctx = ctx;
        this.preauth = new PreauthLimiter(() -> ctx.settings().get().security().maxPreauthPerIp());
        this.handshake = new Handshake(ctx, c -> preauth.release(c.id()));
        this.dispatcher = new Dispatcher(ctx);
    }

    /** The pre-auth limiter, also consulted by the upgrade to answer 503 before a socket exists. */
    PreauthLimiter preauth() {
        return preauth;
    }

    @Override
    public void opened(Connection c) {
        ClientAddress.Resolution who = ClientAddress.resolve(
                c.remoteIp(), c::header, ctx.settings().get().security().trustedProxies());
        if (who.verdict() == ClientAddress.Verdict.ATTRIBUTION_REQUIRED) {
            ctx.metrics().count("connections.attributionRequired");
            LOG.debug("Refusing connection from {}: proxy headers without trusted-proxy attribution", c.remoteIp());
            c.close(1008, ClientAddress.ATTRIBUTION_REQUIRED_REASON);
            return;
        }
        if (!preauth.acquire(c.id(), who.clientIp())) {
            ctx.metrics().count("connections.preauthLimited");
            LOG.debug("Refusing connection from {}: too many unauthenticated sockets", who.clientIp());
            c.close(1013, PreauthLimiter.REASON);
            return;
        }
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
        c.challenge(
                nonce,
                ts,
                ctx.workers()
                        .timers()
                        .schedule(
                                () -> handshakeTimedOut(c),
                                GatewayContext.HANDSHAKE_TIMEOUT_MS,
                                TimeUnit.MILLISECONDS));
        c.send(Frames.eventHead("connect.challenge", Map.of("nonce", nonce, "ts", ts), null) + "}");
    }

    @Override
    public void handshake(Connection c, String text) {
        try {
            ctx.workers().pool().execute(() -> {
                try {
                    if (originAllowed(c, text)) {
                        handshake.process(c, text);
                    }
                } finally {
                    if (c.state() != Connection.State.HANDSHAKING) {
                        preauth.release(c.id()); // hello-ok sent or refused; closed() releases otherwise
                    }
                }
            });
        } catch (RejectedExecutionException busy) {
            ctx.metrics().count("handshake.busy");
            c.close(1013, "gateway busy");
        }
    }

    @Override
    public void request(Connection c, String text) {
        c.beginDispatch();
        try {
            ctx.workers().pool().execute(() -> c.dispatch(() -> dispatcher.dispatch(c, text)));
        } catch (RejectedExecutionException busy) {
            c.dispatchRefused();
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
        preauth.release(c.id());
        ctx.hub().remove(c);
        ctx.metrics().count("connections.closed");
        Principal p = c.principal();
        if (p != null) {
            ctx.presence().disconnected(Handshake.presenceKey(c, p), p);
            ctx.hub().announceDisconnected(c);
        }
        LOG.debug("Connection {} closed ({})", c.id(), code);
    }

    /**
     * The browser-origin check (protocol §1.1.1, §1.4.3 step 4), before any credential is looked at. A refusal
     * answers the connect (when the frame has an id) and closes 1008. Runs on a worker thread.
     */
    private boolean originAllowed(Connection c, String text) {
        SecuritySettings sec = ctx.settings().get().security();
        String clientIp = ClientAddress.resolve(c.remoteIp(), c::header, sec.trustedProxies())
                .clientIp();
        OriginPolicy.Decision d = sec.origins().evaluate(c.header("Origin"), c.header("Host"), clientIp);
        if (d.allowed()) {
            return true;
        }
        ctx.metrics().count("handshake.originRefused");
        LOG.debug(
                "Connect refused for {} ({}): origin {} ({})",
                c.id(),
                c.remoteIp(),
                Sanitize.forLog(c.header("Origin")),
                d.reason().wireName());
        String id = requestId(text);
        if (id != null) {
            c.send(Frames.error(id, d.error()));
        }
        c.close(OriginPolicy.CLOSE_CODE, OriginPolicy.MESSAGE);
        return false;
    }

    private static String requestId(String text) {
        try {
            return RequestFrames.validId(Json.parse(text));
        } catch (JacksonException e) {
            return null;
        }
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
