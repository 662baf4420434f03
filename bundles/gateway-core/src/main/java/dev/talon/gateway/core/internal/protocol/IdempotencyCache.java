package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.json.RawJson;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The dedupe cache of side-effecting calls, keyed by method and {@code idempotencyKey}. Entries live
 * {@value #TTL_MS} ms after they finish; beyond {@value #MAX_ENTRIES} finished entries the oldest go first.
 * In-flight entries are never evicted, so a key can never run twice concurrently. Thread-safe: every state
 * change is an atomic {@code compute} on the map.
 */
final class IdempotencyCache {
    static final long TTL_MS = 300_000;
    static final int MAX_ENTRIES = 1_000;

    /** What a repeat gets. */
    sealed interface Decision permits Run, InFlight, Replay, Conflict {}

    /** First call with this key: run the handler. */
    record Run() implements Decision {}

    /** The first call is still running. */
    record InFlight() implements Decision {}

    /** The first call finished: answer with its outcome again. */
    record Replay(RawJson payload, GatewayException error) implements Decision {}

    /** Same key, different params. */
    record Conflict() implements Decision {}

    private record Entry(String paramsHash, boolean done, RawJson payload, GatewayException error, long atMs) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Keys in the order their calls finished: the eviction order. May hold stale keys; they are skipped. */
    private final java.util.Queue<String> finishedOrder = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final LongSupplier clock;

    IdempotencyCache(LongSupplier clock) {
        this.clock = clock;
    }

    /** Claims {@code key} for a call with params hashing to {@code paramsHash}, or says how to answer a repeat. */
    Decision begin(String key, String paramsHash) {
        Decision[] decision = new Decision[1];
        long now = clock.getAsLong();
        entries.compute(key, (k, e) -> {
            if (e == null || (e.done() && now - e.atMs() > TTL_MS)) {
                decision[0] = new Run();
                return new Entry(paramsHash, false, null, null, now);
            }
            decision[0] = !e.paramsHash().equals(paramsHash)
                    ? new Conflict()
                    : e.done() ? new Replay(e.payload(), e.error()) : new InFlight();
            return e;
        });
        return decision[0];
    }

    /** Records the outcome of the call that claimed {@code key}. */
    void complete(String key, RawJson payload, GatewayException error) {
        long now = clock.getAsLong();
        entries.computeIfPresent(key, (k, e) -> new Entry(e.paramsHash(), true, payload, error, now));
        finishedOrder.add(key);
        // The bound holds at every completion, not only at the sweep: a burst of keyed calls cannot grow the
        // cache past MAX_ENTRIES finished entries in between.
        while (entries.size() > MAX_ENTRIES) {
            String oldest = finishedOrder.poll();
            if (oldest == null) {
                break; // everything left is still running: never evicted
            }
            entries.computeIfPresent(oldest, (k, e) -> e.done() ? null : e);
        }
    }

    /** Drops expired finished entries, then the oldest finished ones beyond the bound. */
    void sweep() {
        long now = clock.getAsLong();
        entries.entrySet()
                .removeIf(en -> en.getValue().done() && now - en.getValue().atMs() > TTL_MS);
        int excess = entries.size() - MAX_ENTRIES;
        if (excess > 0) {
            entries.entrySet().stream()
                    .filter(en -> en.getValue().done())
                    .sorted(Comparator.comparingLong(en -> en.getValue().atMs()))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(k -> entries.computeIfPresent(k, (kk, e) -> e.done() ? null : e));
        }
    }

    int size() {
        return entries.size();
    }
}
