package dev.talon.gateway.core.internal.server;

import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * One embedded Jetty 12 core server: WebSocket upgrades on any path, HTTP routes for everything else,
 * one port. Re-created (not reconfigured) when the bind address changes.
 */
final class JettyListener {
    private static final int MAX_THREADS = 32;
    /** Idle peers are dropped after this; authenticated peers get a ping every {@link GatewayServer#PING_MS}. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Server server;
    private final ServerConnector connector;

    JettyListener(GatewayContext ctx, Listener listener) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("talon-http");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(GatewayContext.MAX_PREAUTH_PAYLOAD);
            container.setMaxFrameSize(GatewayContext.MAX_PREAUTH_PAYLOAD);
            container.setMaxBinaryMessageSize(GatewayContext.MAX_PREAUTH_PAYLOAD);
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.addMapping("/*", (request, response, callback) -> {
                response.setExtensions(List.of()); // the protocol runs without permessage-deflate
                return new Connection(listener, GatewayContext.MAX_BUFFERED_BYTES);
            });
        });
        ws.setHandler(new HttpRoutes(ctx));
        server.setHandler(ws);
        server.setStopTimeout(2_000);
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
