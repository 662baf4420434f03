package dev.talon.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Jetty 12 {@link WebSocketClient}; answers pings by itself, queues concurrent sends internally. */
final class JettyTransport implements Transport {
    private final WebSocketClient client;

    JettyTransport() {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("bench-ws");
        pool.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(pool);
        http.setMaxConnectionsPerDestination(100_000);
        http.setConnectTimeout(10_000);
        client = new WebSocketClient(http);
        client.setIdleTimeout(Duration.ofHours(1));
        client.setMaxTextMessageSize(32L << 20);
        client.setStopAtShutdown(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new BenchException("cannot start the Jetty WebSocket client", e);
        }
    }

    @Override
    public CompletableFuture<WsConn> connect(URI uri, WsHandler handler) {
        JettyEndpoint endpoint = new JettyEndpoint(handler);
        try {
            return client.connect(endpoint, uri).thenApply(s -> endpoint.conn());
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            System.err.println("stopping the Jetty client: " + e);
        }
    }

    /** A live Jetty session as a {@link WsConn}. */
    record Conn(Session session, WsHandler handler) implements WsConn {
        @Override
        public void send(String text) {
            session.sendText(text, Callback.from(() -> {}, handler::onError));
        }

        @Override
        public void close() {
            session.close(StatusCode.NORMAL, "", Callback.NOOP);
        }

        @Override
        public void abort() {
            session.disconnect();
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }
    }
}
