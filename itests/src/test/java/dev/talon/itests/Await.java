package dev.talon.itests;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline (the Awaitility pattern without the extra bundle). Polls every
 * {@value #POLL_MS} ms; fails with the condition's description when the deadline passes. Never a fixed sleep:
 * returns as soon as the condition holds.
 */
public final class Await {
    static final long POLL_MS = 25;

    private Await() {}

    /** Waits until {@code condition} holds; an exception thrown by the condition counts as "not yet". */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Waits until {@code probe} returns a non-null value and returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                T v = probe.get();
                if (v != null) {
                    return v;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError("timed out after " + timeout.toMillis()
                        + " ms waiting for: " + what + (last == null ? "" : " (last failure: " + last + ")"));
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        }
    }
}
