package dev.talon.bench;

import java.io.PrintStream;

/** One subcommand of the harness. */
@FunctionalInterface
interface Command {
    /** Runs against the target described by {@code opts}, prints a report, returns its numbers. */
    Metrics run(Options opts, PrintStream out) throws InterruptedException;
}
