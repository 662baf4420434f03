package dev.talon.bench;

import dev.talon.bench.Frames.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One C × K cell: each connection keeps K requests in flight, sending a new one on every response.
 * Request ids are {@code <slot>:<seq>}; the slot indexes the send timestamp, seq keeps ids unique.
 */
final class RpcLoad {
    private static final long DRAIN_TIMEOUT_MS = 10_000;

    /** The params JSON of request number {@code seq} (1, 2, …) on connection {@code connection}. */
    @FunctionalInterface
    interface Params {
        Params EMPTY = (connection, seq) -> "{}";

        String json(int connection, long seq);
    }

    private final ConnectSpec spec;
    private final String method;
    private final int connections;
    private final int outstanding;
    private final Params params;
    private final Histo histo = new Histo();
    private final ErrorLog errors = new ErrorLog();
    private final AtomicLong inflight = new AtomicLong();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile long measureStart;
    private volatile long measureEnd = Long.MAX_VALUE;

    RpcLoad(ConnectSpec spec, String method, int connections, int outstanding) {
        this(spec, method, connections, outstanding, Params.EMPTY);
    }

    RpcLoad(ConnectSpec spec, String method, int connections, int outstanding, Params params) {
        this.spec = spec;
        this.method = method;
        this.connections = connections;
        this.outstanding = outstanding;
        this.params = params;
    }

    Metrics run(long warmupNanos, long durationNanos) throws InterruptedException {
        List<Driver> drivers = new ArrayList<>();
        List<GatewayClient> clients = Connections.openAll(
                spec,
                connections,
                i -> {
                    Driver d = new Driver(i);
                    drivers.add(d);
                    return d;
                },
                60_000);
        clients.forEach(c -> c.closed().thenAccept(why -> {
            if (running) {
                errors.add("connection closed during the run: " + why);
            }
        }));
        long start = System.nanoTime();
        measureStart = start + warmupNanos;
        measureEnd = measureStart + durationNanos;
        for (int i = 0; i < clients.size(); i++) {
            drivers.get(i).start(clients.get(i));
        }
        waitUntil(measureEnd);
        stop();
        Connections.closeAllAndWait(clients, 5_000);
        return metrics(durationNanos);
    }

    private void stop() throws InterruptedException {
        running = false;
        if (inflight.get() == 0) {
            drained.complete(null);
        }
        try {
            drained.get(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            errors.add(inflight.get() + " requests still unanswered " + DRAIN_TIMEOUT_MS + " ms after the run");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BenchException("drain failed", e);
        }
    }

    static void waitUntil(long deadlineNanos) throws InterruptedException {
        for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private Metrics metrics(long durationNanos) {
        return new Metrics("rpc " + method)
                .put("connections", connections)
                .put("outstanding", outstanding)
                .put("requests", histo.count())
                .put("errors", errors.count())
                .put("req_per_s", histo.count() / (durationNanos / 1e9))
                .latency(histo, "50", "90", "99");
    }

    /** Per-connection state; frames for one connection arrive serially. */
    private final class Driver implements GatewayClient.FrameHandler {
        private final AtomicLongArray sentAt = new AtomicLongArray(outstanding);
        /** The seq of the request in flight per slot, 0 when none: a response must match it exactly. */
        private final AtomicLongArray sentSeq = new AtomicLongArray(outstanding);

        private final AtomicLong seq = new AtomicLong();
        private final int index;
        private GatewayClient client;

        Driver(int index) {
            this.index = index;
        }

        void start(GatewayClient c) {
            client = c;
            for (int slot = 0; slot < outstanding; slot++) {
                inflight.incrementAndGet();
                send(slot);
            }
        }

        private void send(int slot) {
            long n = seq.incrementAndGet();
            String body = params.json(index, n);
            sentAt.set(slot, System.nanoTime());
            sentSeq.set(slot, n);
            client.send(Frames.request(slot + ":" + n, method, body));
        }

        @Override
        public void onFrame(GatewayClient c, Frame f) {
            if (!f.isRes()) {
                return;
            }
            long now = System.nanoTime();
            int slot = slotOf(f.id());
            if (slot < 0) {
                errors.add("response with an unknown or repeated id " + f.id());
                return;
            }
            sentSeq.set(slot, 0);
            if (!f.ok()) {
                errors.add(Frames.error(f));
            } else if (now >= measureStart && now < measureEnd) {
                histo.recordNanos(now - sentAt.get(slot));
            }
            if (running) {
                send(slot);
            } else if (inflight.decrementAndGet() == 0) {
                drained.complete(null);
            }
        }

        /** The slot of an outstanding {@code <slot>:<seq>} id, or -1 for any other id (or a repeat). */
        private int slotOf(String id) {
            int colon = id == null ? -1 : id.indexOf(':');
            try {
                int slot = colon < 0 ? -1 : Integer.parseInt(id, 0, colon, 10);
                if (slot < 0 || slot >= outstanding) {
                    return -1;
                }
                long n = Long.parseLong(id, colon + 1, id.length(), 10);
                return n != 0 && n == sentSeq.get(slot) ? slot : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
