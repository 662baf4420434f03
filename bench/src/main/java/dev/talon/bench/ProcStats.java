package dev.talon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Resident memory from {@code /proc/<pid>/status} (Linux only). */
final class ProcStats {
    private ProcStats() {}

    /** VmRSS of one process in KiB, empty when the process is gone or has no such line. */
    static OptionalLong rssKiB(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * VmRSS of the process plus all its live descendants in KiB (a launcher script may run the JVM as
     * a child). Fails if the process itself is gone.
     */
    static long treeRssKiB(long pid) {
        long own = rssKiB(pid).orElseThrow(() -> new BenchException("no process " + pid + " (or no /proc)"));
        List<Long> children = ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
        return own + children.stream().mapToLong(c -> rssKiB(c).orElse(0)).sum();
    }

    /**
     * Polls every {@code intervalMs} until two consecutive readings differ by less than 1 % (or
     * {@code maxMs} passed) and returns the last reading.
     */
    static long settledTreeRssKiB(long pid, long intervalMs, long maxMs) throws InterruptedException {
        long deadline = System.nanoTime() + maxMs * 1_000_000;
        long previous = treeRssKiB(pid);
        while (System.nanoTime() < deadline) {
            RpcLoad.waitUntil(System.nanoTime() + intervalMs * 1_000_000);
            long current = treeRssKiB(pid);
            if (Math.abs(current - previous) * 100 < Math.max(1, previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }
}
