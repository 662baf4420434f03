package dev.talon.bench;

import java.util.concurrent.atomic.AtomicLong;

/** Counts errors and prints the first few to stderr so a misbehaving target is visible. */
final class ErrorLog {
    private static final int PRINT_LIMIT = 5;
    private final AtomicLong count = new AtomicLong();

    void add(String what) {
        long n = count.incrementAndGet();
        if (n <= PRINT_LIMIT) {
            System.err.println("error #" + n + ": " + abbreviate(what));
        } else if (n == PRINT_LIMIT + 1) {
            System.err.println("(further errors are only counted)");
        }
    }

    long count() {
        return count.get();
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }
}
