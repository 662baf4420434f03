package dev.talon.bench;

import dev.talon.bench.GatewayClient.FrameHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Opens many authenticated connections while keeping few handshakes in flight at once. */
final class Connections {
    /** The gateway admits 32 unauthenticated sockets per client IP (§1.1.2); stay well below. */
    static final int HANDSHAKE_CONCURRENCY = 16;

    static final long HANDSHAKE_TIMEOUT_MS = 15_000;

    private Connections() {}

    /**
     * Opens {@code n} connections and waits for every hello-ok. Fails (closing what was opened) if any
     * connection is rejected or the whole batch takes longer than {@code timeoutMs}.
     */
    static List<GatewayClient> openAll(ConnectSpec spec, int n, IntFunction<FrameHandler> handlers, long timeoutMs)
            throws InterruptedException {
        Semaphore permits = new Semaphore(HANDSHAKE_CONCURRENCY);
        List<GatewayClient> clients = new ArrayList<>(n);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            for (int i = 0; i < n; i++) {
                if (!permits.tryAcquire(remainingMs(deadline), TimeUnit.MILLISECONDS)) {
                    throw new BenchException("timed out opening connections: " + i + " of " + n + " started");
                }
                GatewayClient c = GatewayClient.open(spec, handlers.apply(i));
                c.hello().whenComplete((h, e) -> permits.release());
                clients.add(c);
            }
            for (GatewayClient c : clients) {
                await(c, deadline);
            }
            return clients;
        } catch (RuntimeException | InterruptedException e) {
            closeAll(clients);
            throw e;
        }
    }

    private static void await(GatewayClient c, long deadline) throws InterruptedException {
        try {
            c.hello().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BenchException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchException("timed out waiting for hello-ok");
        }
    }

    static void closeAll(List<GatewayClient> clients) {
        clients.forEach(GatewayClient::close);
    }

    /** Closes and waits (bounded) until the server has acknowledged the closes. */
    static void closeAllAndWait(List<GatewayClient> clients, long timeoutMs) throws InterruptedException {
        closeAll(clients);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (GatewayClient c : clients) {
            try {
                c.closed().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                c.abort();
            }
        }
    }

    static long remainingMs(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
