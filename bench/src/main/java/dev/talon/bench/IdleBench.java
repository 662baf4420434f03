package dev.talon.bench;

import dev.talon.bench.Frames.Frame;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Memory cost of idle authenticated connections, read from the gateway's /proc status. */
final class IdleBench implements Command {
    private final ErrorLog errors = new ErrorLog();

    @Override
    public Metrics run(Options opts, PrintStream out) throws InterruptedException {
        int n = opts.integer("connections", 1000);
        long pid = Long.parseLong(opts.required("pid"));
        long hold = opts.seconds("duration", 30);
        long before = ProcStats.settledTreeRssKiB(pid, 200, 3_000);
        long after;
        int survivors;
        try (Target target = Target.from(opts)) {
            CountDownLatch answered = new CountDownLatch(n);
            List<GatewayClient> clients =
                    Connections.openAll(target.spec(ConnectSpec.READ), n, i -> (c, f) -> onFrame(f, answered), 300_000);
            try {
                confirmServed(clients, answered);
                after = ProcStats.settledTreeRssKiB(pid, 250, 5_000);
                RpcLoad.waitUntil(System.nanoTime() + hold);
                survivors = (int) clients.stream().filter(GatewayClient::isOpen).count();
            } finally {
                Connections.closeAllAndWait(clients, 10_000);
            }
        }
        return report(n, before, after, survivors, out);
    }

    private void onFrame(Frame f, CountDownLatch answered) {
        if (f.isRes()) {
            if (!f.ok()) {
                errors.add(Frames.error(f));
            }
            answered.countDown();
        }
    }

    /** One {@code health} round trip per connection, so the gateway has fully set up each session. */
    private void confirmServed(List<GatewayClient> clients, CountDownLatch answered) throws InterruptedException {
        for (int i = 0; i < clients.size(); i++) {
            clients.get(i).send(Frames.request("idle:" + i, "health", "{}"));
        }
        if (!answered.await(60, TimeUnit.SECONDS)) {
            errors.add(answered.getCount() + " health requests unanswered after 60 s");
        }
    }

    private Metrics report(int n, long before, long after, int survivors, PrintStream out) {
        if (survivors < n) {
            errors.add((n - survivors) + " connections were closed while idle");
        }
        Metrics m = new Metrics("idle")
                .put("connections", n)
                .put("rss_before_mib", before / 1024.0)
                .put("rss_after_mib", after / 1024.0)
                .put("kib_per_connection", (after - before) / (double) n)
                .put("open_after_hold", survivors)
                .put("errors", errors.count());
        out.println(m);
        out.println();
        out.println("| connections | RSS before MiB | RSS after MiB | KiB/connection | still open | errors |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        out.println(Report.row(
                m,
                "connections",
                "rss_before_mib",
                "rss_after_mib",
                "kib_per_connection",
                "open_after_hold",
                "errors"));
        return m;
    }
}
