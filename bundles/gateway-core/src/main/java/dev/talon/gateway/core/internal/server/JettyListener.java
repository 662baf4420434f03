package dev.talon.gateway.core.internal.server;

import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import dev.talon.gateway.core.internal.runtime.Once;
import dev.talon.gateway.core.internal.security.ClientAddress;
import dev.talon.gateway.core.internal.security.PreauthLimiter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * One embedded Jetty 12 core server: WebSocket upgrades on any path, HTTP routes for everything else,
 * one port. Re-created (not reconfigured) when the bind address changes.
 */
final class JettyListener {
    /**
     * Jetty's threads only move bytes: frames are decoded and queued for the workers, writes are non-blocking, and
     * HTTP routes run on their own threads ({@code Workers.routes()}). More threads than this only add context
     * switches and GC roots on a small machine (32 ran under 32×32 load: p99 23–28 ms against 20–23 ms with 8).
     */
    private static final int MAX_THREADS = 8;
    /**
     * Jetty's batch buffer per connection: frames queued before a flush (Connection's batched writes) are copied into
     * it when their payload is under a quarter of its size, and a full buffer is written at once. With Jetty's 4 KiB a
     * worker wrote every ninth {@code health} response itself; with 16 KiB one write carries what a flush finds queued
     * (32×32 {@code health}: ≈ 290,000 against ≈ 170,000 req/s). The buffer is taken from Jetty's pool for a batch and
     * returned after the write, so idle connections hold none.
     */
    private static final int OUTPUT_BUFFER_BYTES = 16 * 1024;
    /** Idle peers are dropped after this; authenticated peers get a ping every {@link GatewayServer#PING_MS}. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** A throw-away build of the same objects: loads and initialises Jetty's classes (≈ 0.1 s, see {@link #prepare}). */
    private static final Once<Boolean> PREPARED = new Once<>(JettyListener::dryBuild);

    private final Server server;
    private final ServerConnector connector;

    JettyListener(GatewayContext ctx, Listener listener) {
        PREPARED.get(); // waits when StartupWarmUp is still building; never two threads initialising Jetty at once
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("talon-http");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            // Per frame; whole messages are assembled and limited by Connection (Jetty's message sinks are unused).
            container.setMaxFrameSize(GatewayContext.MAX_PREAUTH_PAYLOAD);
            container.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.addMapping("/*", (request, response, callback) -> {
                if (!preauthRoom(ctx, listener, request)) {
                    ctx.metrics().count("connections.preauthLimited");
                    return refuse(response, callback, 503, PreauthLimiter.REASON, "preauth_limit");
                }
                response.setExtensions(List.of()); // the protocol runs without permessage-deflate
                return new Connection(
                        listener,
                        GatewayContext.MAX_BUFFERED_BYTES,
                        ctx.workers().flushers());
            });
        });
        ws.setHandler(new HttpRoutes(ctx));
        server.setHandler(ws);
        server.setStopTimeout(2_000);
    }

    /**
     * Builds a server, connector and WebSocket handler like the constructor's, then drops them (nothing is started,
     * bound or registered). Jetty's static initialisers (its MIME table alone ≈ 60 ms) then run on StartupWarmUp's
     * thread while the configuration is being loaded.
     */
    static void prepare() {
        PREPARED.get();
    }

    private static Boolean dryBuild() {
        try {
            Server dry = new Server(new QueuedThreadPool(MAX_THREADS, 2));
            dry.addConnector(new ServerConnector(dry, 1, 1));
            dry.setHandler(WebSocketUpgradeHandler.from(dry, container -> container.setIdleTimeout(IDLE_TIMEOUT)));
            return Boolean.TRUE;
        } catch (RuntimeException | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(JettyListener.class).debug("Jetty warm-up failed: {}", e.toString());
            return Boolean.FALSE;
        }
    }

    /**
     * Early pre-auth check (protocol §1.1.2: HTTP 503 before any socket exists). Only a peek: the slot itself is
     * taken in {@link Listener#opened}, which also enforces the limit when upgrades race.
     */
    private static boolean preauthRoom(GatewayContext ctx, Listener listener, Request request) {
        ClientAddress.Resolution who = ClientAddress.resolve(
                Request.getRemoteAddr(request),
                name -> request.getHeaders().get(name),
                ctx.settings().get().security().trustedProxies());
        return listener.preauth().wouldAdmit(who.clientIp());
    }

    /** Answers an upgrade with a plain HTTP error (protocol §5.6.4 shape) and completes it; returns null. */
    private static Object refuse(Response response, Callback callback, int status, String message, String type) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String body = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\"}}";
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return null;
    }

    void start(String host, int port) throws Exception {
        connector.setHost(host);
        connector.setPort(port);
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    boolean isRunning() {
        return server.isRunning();
    }

    void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(JettyListener.class).debug("Jetty stop: {}", e.toString());
        }
    }
}
