package dev.talon.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code java.net.http.WebSocket}; answers pings by itself. Several HttpClients spread selector work. */
final class JdkTransport implements Transport {
    private final HttpClient[] clients;
    private final AtomicInteger next = new AtomicInteger();

    JdkTransport() {
        clients = new HttpClient[Math.max(1, Runtime.getRuntime().availableProcessors())];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }
    }

    @Override
    public CompletableFuture<WsConn> connect(URI uri, WsHandler handler) {
        HttpClient client = clients[Math.floorMod(next.getAndIncrement(), clients.length)];
        Listener listener = new Listener(handler);
        return client.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, listener)
                .thenApply(ws -> listener.conn);
    }

    @Override
    public void close() {
        // HttpClient on JDK 17 has no close(); its threads are daemons and die with the process.
    }

    private static final class Listener implements WebSocket.Listener {
        private final WsHandler handler;
        private final StringBuilder partial = new StringBuilder();
        private volatile Conn conn;

        Listener(WsHandler handler) {
            this.handler = handler;
        }

        @Override
        public void onOpen(WebSocket ws) {
            conn = new Conn(ws, handler);
            handler.onOpen(conn);
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
            } else if (partial.length() == 0) {
                handler.onText(data.toString());
            } else {
                handler.onText(partial.append(data).toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            handler.onClose(code, reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            handler.onError(error);
        }
    }

    /** The JDK allows one outstanding send per socket, so sends go through a queue. */
    private static final class Conn implements WsConn {
        private final WebSocket ws;
        private final WsHandler handler;
        private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean sending = new AtomicBoolean();

        Conn(WebSocket ws, WsHandler handler) {
            this.ws = ws;
            this.handler = handler;
        }

        @Override
        public void send(String text) {
            queue.add(text);
            drain();
        }

        private void drain() {
            while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
                String text = queue.poll();
                if (text == null) {
                    sending.set(false);
                    continue;
                }
                CompletableFuture<WebSocket> f = ws.sendText(text, true);
                if (!f.isDone()) {
                    f.whenComplete((w, e) -> sent(e, true));
                    return;
                }
                sent(f.isCompletedExceptionally() ? f.handle((w, e) -> e).join() : null, false);
            }
        }

        private void sent(Throwable error, boolean continueDraining) {
            sending.set(false);
            if (error != null) {
                handler.onError(error);
            }
            if (continueDraining) {
                drain();
            }
        }

        @Override
        public void close() {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            }
        }

        @Override
        public void abort() {
            ws.abort();
        }

        @Override
        public boolean isOpen() {
            return !ws.isInputClosed() && !ws.isOutputClosed();
        }
    }
}
