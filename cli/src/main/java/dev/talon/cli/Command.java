package dev.talon.cli;

/**
 * One {@code talon <command>}. Implementations are stateless; {@link #run} may block on the network or on
 * stdin and reports failures either by returning a non-zero exit code or by throwing {@link CliException}.
 */
interface Command {
    /** The options this command accepts. */
    OptionSpec options();

    /** Runs the command and returns the process exit code. */
    int run(Args args, CliContext ctx);
}
