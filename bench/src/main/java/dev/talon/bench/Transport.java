package dev.talon.bench;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A WebSocket client implementation; one instance is shared by all connections of a run. */
interface Transport extends AutoCloseable {
    Map<String, Supplier<Transport>> KINDS = Map.of(
            "jdk", JdkTransport::new, "jetty", JettyTransport::new, "raw", RawTransport::new, "nio", NioTransport::new);

    /** For benchmarks with many connections: measured faster than Jetty on 2 cores; see docs/PERFORMANCE.md. */
    String DEFAULT = "jdk";

    /**
     * For the closed-loop load benchmarks ({@code rpc}, {@code invoke}): one event-loop thread for all connections,
     * the least harness CPU per request, and no run queue of reader threads deciding the latency tail; see
     * docs/PERFORMANCE.md.
     */
    String LOAD_DEFAULT = "nio";

    /** Opens a connection; {@code handler.onOpen} runs before any {@code onText}. */
    CompletableFuture<WsConn> connect(URI uri, WsHandler handler);

    @Override
    void close();

    static Transport create(String kind) {
        Supplier<Transport> s = KINDS.get(kind);
        if (s == null) {
            throw new BenchException("unknown --client " + kind + ", expected one of " + KINDS.keySet());
        }
        return s.get();
    }

    /** One open WebSocket. {@link #send} may be called from any thread, any number of times. */
    interface WsConn {
        void send(String text);

        /** Sends a close frame with code 1000. */
        void close();

        /** Drops the TCP connection without a close handshake. */
        void abort();

        boolean isOpen();
    }

    /** Callbacks for one connection; calls for a connection never overlap. */
    interface WsHandler {
        void onOpen(WsConn conn);

        void onText(String text);

        void onClose(int code, String reason);

        void onError(Throwable error);
    }
}
