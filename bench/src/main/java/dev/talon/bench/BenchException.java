package dev.talon.bench;

/** A benchmark could not run or its target misbehaved; the message is shown to the user. */
final class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
