package dev.talon.gateway.core.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceTest {
    @Test
    void computesOnceAndHandsEveryCallerTheSameResult() {
        AtomicInteger runs = new AtomicInteger();
        Once<Object> once = new Once<>(() -> {
            runs.incrementAndGet();
            return new Object();
        });
        assertFalse(once.isDone());
        Object first = once.get();
        assertSame(first, once.get());
        assertEquals(1, runs.get());
        assertTrue(once.isDone());
    }

    @Test
    void aCallerWaitsForTheThreadThatIsComputingInsteadOfComputingAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Once<String> once = new Once<>(() -> {
            runs.incrementAndGet();
            started.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return "ready";
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> warmUp = pool.submit(once::get);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Future<String> caller = pool.submit(once::get);
            assertFalse(caller.isDone());
            release.countDown();
            assertEquals("ready", caller.get(10, TimeUnit.SECONDS));
            assertEquals("ready", warmUp.get(10, TimeUnit.SECONDS));
            assertEquals(1, runs.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureReachesEveryCaller() {
        AtomicInteger runs = new AtomicInteger();
        Once<String> once = new Once<>(() -> {
            runs.incrementAndGet();
            throw new IllegalArgumentException("bad schema");
        });
        assertEquals(
                "bad schema",
                assertThrows(IllegalArgumentException.class, once::get).getMessage());
        assertEquals(
                "bad schema",
                assertThrows(IllegalArgumentException.class, once::get).getMessage());
        assertEquals(1, runs.get());
        Once<String> checked = new Once<>(() -> {
            throw new java.io.IOException("disk");
        });
        assertEquals(
                "disk",
                assertThrows(IllegalStateException.class, checked::get)
                        .getCause()
                        .getMessage());
    }

    @Test
    void anInterruptedWaiterStillGetsTheResultAndKeepsItsInterruptFlag() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Once<String> once = new Once<>(() -> {
            started.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return "value";
        });
        Thread computing = new Thread(once::get, "computing");
        computing.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        String[] seen = new String[1];
        boolean[] flag = new boolean[1];
        Thread waiter = new Thread(() -> {
            seen[0] = once.get();
            flag[0] = Thread.currentThread().isInterrupted();
        });
        waiter.start();
        waiter.interrupt(); // while it waits (or just before): either way get() must not give up
        release.countDown();
        waiter.join(10_000);
        computing.join(10_000);
        assertFalse(waiter.isAlive());
        assertEquals("value", seen[0]);
        assertTrue(flag[0]);
    }
}
