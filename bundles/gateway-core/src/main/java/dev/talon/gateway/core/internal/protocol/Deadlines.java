package dev.talon.gateway.core.internal.protocol;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Handler deadlines: the calls in flight sit in a concurrent set and one timer task sweeps it every
 * {@value #SWEEP_MS} ms, failing the expired ones. Cheaper on the request path than a scheduled task per
 * call (no shared heap, no lock); the price is up to {@value #SWEEP_MS} ms of lateness.
 */
final class Deadlines {
    static final long SWEEP_MS = 50;

    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    Deadlines(ScheduledExecutorService timers, Consumer<Call> onExpiry) {
        sweeper = timers.scheduleWithFixedDelay(() -> sweep(onExpiry), SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    void track(Call call) {
        inFlight.add(call);
    }

    void untrack(Call call) {
        inFlight.remove(call);
    }

    int size() {
        return inFlight.size();
    }

    void close() {
        sweeper.cancel(false);
    }

    private void sweep(Consumer<Call> onExpiry) {
        long now = System.nanoTime();
        for (Call c : inFlight) {
            if (now - c.deadlineNanos() >= 0) {
                inFlight.remove(c);
                onExpiry.accept(c);
            }
        }
    }
}
