package dev.talon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code talon logs [--follow] [--lines N]}: prints the last N (default 200) lines of
 * {@code <state>/logs/talon.log}; {@code --follow} keeps printing appended lines across rotations until killed.
 * Local only: no gateway connection.
 */
final class LogsCommand implements Command {
    static final int DEFAULT_LINES = 200;
    private static final long POLL_MILLIS = 250;

    @Override
    public OptionSpec options() {
        return new OptionSpec(Set.of("lines"), Set.of("follow"), 0, false);
    }

    @Override
    public int run(Args args, CliContext ctx) {
        long lines = args.positiveLong("lines", DEFAULT_LINES);
        Path file = logFile(ctx);
        try (LogFollower follower = new LogFollower(file)) {
            boolean exists = follower.openAtLastLines((int) Math.min(lines, Integer.MAX_VALUE));
            if (!exists && !args.flag("follow")) {
                throw new CliException("no log file at " + file + " (has the gateway run yet?)", CliException.FAILURE);
            }
            follower.poll(ctx.out());
            if (args.flag("follow")) {
                follow(follower, ctx);
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path logFile(CliContext ctx) {
        return ctx.stateDir().resolve("logs").resolve("talon.log");
    }

    private static void follow(LogFollower follower, CliContext ctx) throws IOException {
        while (!Thread.currentThread().isInterrupted()) {
            follower.poll(ctx.out());
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
