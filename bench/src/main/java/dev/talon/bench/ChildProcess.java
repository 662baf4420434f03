package dev.talon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A spawned gateway process with its output in a log file; stopped with SIGTERM. */
final class ChildProcess implements AutoCloseable {
    private static final long STOP_TIMEOUT_MS = 20_000;

    private final Process process;
    private final Path log;
    private final long startNanos;

    private ChildProcess(Process process, Path log, long startNanos) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    static ChildProcess start(String commandLine, Map<String, String> env, Path log) {
        ProcessBuilder pb = new ProcessBuilder(split(commandLine));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        try {
            return new ChildProcess(pb.start(), log, t0);
        } catch (IOException e) {
            throw new BenchException("cannot start " + commandLine + ": " + e.getMessage(), e);
        }
    }

    long startNanos() {
        return startNanos;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True if the process exited within the wait (which is an error for a daemon). */
    boolean exitsWithin(long nanos) throws InterruptedException {
        return process.waitFor(nanos, TimeUnit.NANOSECONDS);
    }

    /** SIGTERM, bounded wait, then SIGKILL; returns the milliseconds the process took to exit. */
    long stop() throws InterruptedException {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        long t0 = System.nanoTime();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new BenchException("process did not exit within " + STOP_TIMEOUT_MS + " ms of SIGTERM; killed");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        return ms;
    }

    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The last lines of the process output, for error messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Splits on whitespace; single or double quotes group words (no escapes). */
    static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : commandLine.toCharArray()) {
            if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new BenchException("empty --cmd");
        }
        return words;
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
