package dev.talon.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** Full signed handshakes per second: open, challenge, signed connect, hello-ok, close. */
final class HandshakeBench implements Command {
    private static final long MAX_ERRORS = 1000;
    private static final String RAW = "raw";

    private final Histo histo = new Histo();
    private final ErrorLog errors = new ErrorLog();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong lastEnd = new AtomicLong();
    private long measureStart;
    private long hardDeadline;
    private int count;

    @Override
    public Metrics run(Options opts, PrintStream out) throws InterruptedException {
        int parallel = opts.integer("parallel", 16);
        count = opts.integer("count", 5000);
        long warmup = opts.seconds("warmup", 2);
        long duration = opts.seconds("duration", 60);
        String client = opts.str("client", RAW);
        boolean raw = RAW.equals(client);
        try (Target target = new Target(
                Target.loopbackUrl(opts.str("url", Target.DEFAULT_URL)),
                Target.token(opts),
                Transport.create(raw ? Transport.DEFAULT : client),
                Target.signer(opts))) {
            ConnectSpec base = target.spec(ConnectSpec.READ);
            List<ConnectSpec> specs = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                specs.add(base.withDevice(target.newDevice()));
            }
            long start = System.nanoTime();
            measureStart = start + warmup;
            hardDeadline = measureStart + duration;
            runWorkers(specs, raw);
        }
        return report(parallel, out);
    }

    private void runWorkers(List<ConnectSpec> specs, boolean raw) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ConnectSpec spec = specs.get(i);
            Thread t = new Thread(
                    () -> worker(spec, raw ? RawHandshake::run : HandshakeBench::viaClient), "handshake-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        long joinDeadline = hardDeadline + TimeUnit.MILLISECONDS.toNanos(2 * Connections.HANDSHAKE_TIMEOUT_MS);
        for (Thread t : threads) {
            t.join(Math.max(1, Connections.remainingMs(joinDeadline)));
        }
    }

    private void worker(ConnectSpec spec, Handshaker handshaker) {
        while (errors.count() < MAX_ERRORS) {
            long start = System.nanoTime();
            boolean measured = start >= measureStart;
            if (start >= hardDeadline || (measured && tickets.getAndIncrement() >= count)) {
                return;
            }
            try {
                long helloAt = handshaker.handshake(spec, (int) Connections.HANDSHAKE_TIMEOUT_MS);
                if (measured) {
                    histo.recordNanos(helloAt - start);
                    lastEnd.accumulateAndGet(helloAt, Math::max);
                }
            } catch (BenchException e) {
                errors.add(e.getMessage());
            }
        }
    }

    /** One complete handshake including the close; returns {@link System#nanoTime()} at hello-ok. */
    @FunctionalInterface
    interface Handshaker {
        long handshake(ConnectSpec spec, int timeoutMs);
    }

    /** A handshake through the general {@link Transport} clients ({@code --client jdk|jetty}). */
    static long viaClient(ConnectSpec spec, int timeoutMs) {
        GatewayClient c = GatewayClient.open(spec, GatewayClient.FrameHandler.IGNORE);
        try {
            c.hello().get(timeoutMs, TimeUnit.MILLISECONDS);
            return System.nanoTime();
        } catch (ExecutionException e) {
            throw new BenchException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchException("no hello-ok within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } finally {
            c.close();
        }
    }

    private Metrics report(int parallel, PrintStream out) {
        double seconds = Math.max(1e-9, (lastEnd.get() - measureStart) / 1e9);
        Metrics m = new Metrics("handshake")
                .put("parallel", parallel)
                .put("completed", histo.count())
                .put("errors", errors.count())
                .put("seconds", seconds)
                .put("handshakes_per_s", histo.count() / seconds)
                .latency(histo, "50", "99");
        out.println(m);
        out.println();
        out.println("| parallel | handshakes | handshakes/s | p50 ms | p99 ms | max ms | errors |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
        out.println(Report.row(m, "parallel", "completed", "handshakes_per_s", "p50_ms", "p99_ms", "max_ms", "errors"));
        return m;
    }
}
