package dev.talon.gateway.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// SECURITY.md section 1 "Pre-auth limits" (32 per IP), R-05 (pre-auth concurrency capped per IP), R-03 (no leaks).
class PreauthLimiterTest {
    private final AtomicInteger max = new AtomicInteger(32);
    private final PreauthLimiter limiter = new PreauthLimiter(max::get);

    @Test
    void thirtyTwoUnauthenticatedSocketsPerAddressAreAdmittedAndTheNextIsRefused() {
        for (int i = 0; i < 32; i++) {
            assertTrue(limiter.acquire("c" + i, "203.0.113.9"), "socket " + i);
        }
        assertFalse(limiter.wouldAdmit("203.0.113.9"));
        assertFalse(limiter.acquire("c32", "203.0.113.9"));
        assertTrue(limiter.acquire("other", "203.0.113.10"), "another address has its own budget");
        assertEquals(32, limiter.count("203.0.113.9"));
    }

    @Test
    void aReleasedSlotCanBeReused() {
        max.set(1);
        assertTrue(limiter.acquire("a", "ip"));
        assertFalse(limiter.acquire("b", "ip"));
        limiter.release("a");
        assertTrue(limiter.acquire("b", "ip"));
    }

    @Test
    void releaseIsIdempotentAndNeverFreesAnotherHoldersSlot() {
        max.set(2);
        limiter.acquire("a", "ip");
        limiter.acquire("b", "ip");
        limiter.release("a"); // hello-ok
        limiter.release("a"); // then close
        limiter.release("a");
        assertEquals(1, limiter.count("ip"), "b still holds its slot");
        limiter.release("never-acquired");
        assertEquals(1, limiter.count("ip"));
    }

    @Test
    void aRefusedHolderHoldsNothing() {
        max.set(1);
        limiter.acquire("a", "ip");
        assertFalse(limiter.acquire("b", "ip"));
        limiter.release("b");
        assertEquals(1, limiter.count("ip"));
        assertEquals(1, limiter.held());
    }

    @Test
    void acquiringTwiceForOneHolderCountsOnce() {
        assertTrue(limiter.acquire("a", "ip"));
        assertTrue(limiter.acquire("a", "ip"));
        assertEquals(1, limiter.count("ip"));
        limiter.release("a");
        assertEquals(0, limiter.count("ip"));
    }

    @Test
    void aLoweredLimitAppliesToNewSocketsOnly() {
        limiter.acquire("a", "ip");
        limiter.acquire("b", "ip");
        max.set(1);
        assertFalse(limiter.acquire("c", "ip"));
        assertEquals(2, limiter.count("ip"));
    }

    @Test
    void concurrentOpenAndCloseChurnLeavesNoResidue() throws Exception {
        max.set(8);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger over = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        String holder = thread + "-" + i;
                        String ip = "10.0.0." + (i % 3);
                        if (limiter.acquire(holder, ip)) {
                            if (limiter.count(ip) > 8) {
                                over.incrementAndGet();
                            }
                            limiter.release(holder); // hello-ok
                        }
                        limiter.release(holder); // close, always
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, over.get(), "the limit was never exceeded");
        assertEquals(0, limiter.held());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.count("10.0.0." + i));
            assertTrue(limiter.wouldAdmit("10.0.0." + i));
        }
    }
}
