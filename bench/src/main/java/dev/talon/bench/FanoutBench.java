package dev.talon.bench;

import dev.talon.bench.Frames.Frame;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broadcast fan-out: an admin connection calls {@code system-event} M times; every one of N
 * {@code operator.read} subscribers should receive a {@code presence} event mentioning each text.
 */
final class FanoutBench implements Command {
    private final Histo histo = new Histo();
    private final ErrorLog errors = new ErrorLog();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong lastDelivery = new AtomicLong();
    private final String tag =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private FanoutSender sender;

    @Override
    public Metrics run(Options opts, PrintStream out) throws InterruptedException {
        int subscribers = opts.integer("subscribers", 100);
        int events = opts.integer("events", 200);
        int inflight = opts.integer("inflight", 1);
        long timeout = opts.seconds("duration", 60);
        try (Target target = Target.from(opts)) {
            sender = new FanoutSender(target.spec(ConnectSpec.ADMIN), "bench " + tag + "-", events, inflight, errors);
            List<GatewayClient> subs =
                    Connections.openAll(target.spec(ConnectSpec.READ), subscribers, i -> new Subscriber(), 120_000);
            try {
                sender.run(TimeUnit.NANOSECONDS.toMillis(timeout));
                awaitDeliveries(subscribers, events, timeout);
            } finally {
                Connections.closeAllAndWait(subs, 5_000);
            }
        }
        return report(subscribers, events, out);
    }

    /** Waits (bounded) until every subscriber has seen the last event, or nothing arrived for 2 s. */
    private void awaitDeliveries(int subscribers, int events, long timeoutNanos) throws InterruptedException {
        long expected = (long) subscribers * events;
        long deadline = System.nanoTime() + timeoutNanos;
        long quietSince = System.nanoTime();
        long seen = -1;
        while (histo.count() < expected && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (histo.count() != seen) {
                seen = histo.count();
                quietSince = now;
            } else if (now - quietSince > TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            RpcLoad.waitUntil(now + TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private Metrics report(int subscribers, int events, PrintStream out) {
        long first = sender.firstSend();
        double seconds = Math.max(1e-9, (lastDelivery.get() - first) / 1e9);
        Metrics m = new Metrics("fanout")
                .put("subscribers", subscribers)
                .put("events", events)
                .put("expected", (double) subscribers * events)
                .put("delivered", histo.count())
                .put("presence_frames", frames.get())
                .put("errors", errors.count())
                .put("seconds", seconds)
                .put("deliveries_per_s", histo.count() / seconds)
                .latency(histo, "50", "99");
        out.println(m);
        out.println();
        out.println("| subscribers | events | delivered | deliveries/s | p50 ms | p99 ms | max ms | errors |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.println(Report.row(
                m, "subscribers", "events", "delivered", "deliveries_per_s", "p50_ms", "p99_ms", "max_ms", "errors"));
        return m;
    }

    /**
     * A presence payload lists recent entries, so one frame may mention several bench texts; the
     * highest index is the event that caused it. Earlier indices it skipped count as delivered late
     * (coalesced), never twice.
     */
    private final class Subscriber implements GatewayClient.FrameHandler {
        private int highest = -1;

        @Override
        public void onFrame(GatewayClient c, Frame f) {
            if (!f.isEvent("presence")) {
                return;
            }
            long now = System.nanoTime();
            int newest = sender.newestIndexIn(f.raw());
            if (newest <= highest) {
                return;
            }
            frames.incrementAndGet();
            for (int i = highest + 1; i <= newest; i++) {
                histo.recordNanos(now - sender.sentAt(i));
            }
            highest = newest;
            lastDelivery.accumulateAndGet(now, Math::max);
        }
    }
}
