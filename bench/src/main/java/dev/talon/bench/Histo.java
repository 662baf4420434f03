package dev.talon.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe latency histogram with log-linear microsecond buckets (about 1.6 % relative error,
 * exact below 128 µs). Memory is fixed, so recording millions of samples costs nothing extra.
 */
final class Histo {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int LINEAR = 2 * SUB;
    private static final int MAX_MSB = 40;
    private static final int BUCKETS = LINEAR + (MAX_MSB - SUB_BITS) * SUB;

    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();
    private final AtomicLong maxMicros = new AtomicLong();

    void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        buckets.incrementAndGet(index(micros));
        count.increment();
        sumMicros.add(micros);
        maxMicros.accumulateAndGet(micros, Math::max);
    }

    long count() {
        return count.sum();
    }

    double meanMillis() {
        long n = count();
        return n == 0 ? 0 : sumMicros.sum() / 1000.0 / n;
    }

    double maxMillis() {
        return maxMicros.get() / 1000.0;
    }

    /** Value at percentile {@code p} (0..100) in milliseconds; 0 when empty. */
    double percentileMillis(double p) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long target = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets.get(i);
            if (seen >= target) {
                return Math.min(midpoint(i), maxMicros.get()) / 1000.0;
            }
        }
        return maxMillis();
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int msb = Math.min(63 - Long.numberOfLeadingZeros(micros), MAX_MSB);
        if (msb == MAX_MSB) {
            return BUCKETS - 1;
        }
        int shift = msb - SUB_BITS;
        long sub = micros >>> shift;
        return LINEAR + (msb - SUB_BITS - 1) * SUB + (int) (sub - SUB);
    }

    static long lowerBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int k = index - LINEAR;
        int msb = SUB_BITS + 1 + k / SUB;
        long sub = SUB + (k % SUB);
        return sub << (msb - SUB_BITS);
    }

    private static long midpoint(int index) {
        if (index < LINEAR) {
            return index;
        }
        long low = lowerBound(index);
        long width = index + 1 < BUCKETS ? lowerBound(index + 1) - low : 1;
        return low + (width - 1) / 2;
    }
}
