package dev.talon.gateway.core.internal.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the gateway saw: bad input by kind, errors, connections. Thread-safe, lock-free on the
 * hot path.
 */
public final class Metrics {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    /** Adds one to {@code name}, e.g. {@code frames.invalidJson}. */
    public void count(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    /** A sorted copy of every counter. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.keySet().stream()
                .sorted()
                .forEach(k -> out.put(k, counters.get(k).sum()));
        return out;
    }
}
