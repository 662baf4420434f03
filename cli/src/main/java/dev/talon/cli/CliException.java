package dev.talon.cli;

/**
 * A failure that ends a CLI command with a message on stderr and a process exit code.
 *
 * <p>Exit codes: {@code 1} runtime failure (gateway unreachable, rejected, timed out, method error),
 * {@code 2} bad usage (the usage text is printed as well), {@code 3} "not running / already running".
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code for a runtime failure. */
    public static final int FAILURE = 1;
    /** Exit code for bad usage. */
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = FAILURE;
    }

    /** A usage error: the caller prints this message plus the usage text and exits with {@link #USAGE}. */
    public static CliException usage(String message) {
        return new CliException(message, USAGE);
    }

    public int exitCode() {
        return exitCode;
    }
}
