package dev.talon.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code health} request throughput and latency with C connections × K requests in flight each. */
final class RpcBench implements Command {
    /** C × K cells of {@code --matrix}. */
    static final int[][] MATRIX = {{1, 1}, {8, 8}, {32, 32}, {32, 256}};

    private static final String HEADER =
            "| C×K | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n" + "|---|---:|---:|---:|---:|---:|---:|";

    @Override
    public Metrics run(Options opts, PrintStream out) throws InterruptedException {
        long warmup = opts.seconds("warmup", 2);
        long duration = opts.seconds("duration", 10);
        String method = opts.str("method", "health");
        List<int[]> cells = new ArrayList<>();
        if (opts.flag("matrix")) {
            cells.addAll(List.of(MATRIX));
        } else {
            cells.add(new int[] {opts.integer("connections", 32), opts.integer("outstanding", 32)});
        }
        List<Metrics> results = new ArrayList<>();
        try (Target target = Target.from(opts, Transport.LOAD_DEFAULT)) {
            for (int[] cell : cells) {
                RpcLoad load = new RpcLoad(target.spec(ConnectSpec.READ), method, cell[0], cell[1]);
                Metrics m = load.run(warmup, duration);
                out.println(m);
                results.add(m);
            }
        }
        out.println();
        out.println(HEADER);
        results.forEach(m -> out.println(row(m)));
        return results.get(results.size() - 1);
    }

    static String row(Metrics m) {
        String cell = Metrics.fmt(m.get("connections")) + "×" + Metrics.fmt(m.get("outstanding"));
        return Report.row(cell, m, "req_per_s", "p50_ms", "p90_ms", "p99_ms", "max_ms", "errors");
    }
}
