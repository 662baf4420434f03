package dev.talon.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Ordered named numbers produced by one benchmark run; printed and asserted on by tests. */
final class Metrics {
    private final String name;
    private final Map<String, Double> values = new LinkedHashMap<>();

    Metrics(String name) {
        this.name = name;
    }

    Metrics put(String key, double value) {
        values.put(key, value);
        return this;
    }

    Metrics latency(Histo h, String... percentiles) {
        for (String p : percentiles) {
            put("p" + p + "_ms", h.percentileMillis(Double.parseDouble(p)));
        }
        return put("max_ms", h.maxMillis());
    }

    double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no metric " + key + ": " + values.keySet());
        }
        return v;
    }

    String name() {
        return name;
    }

    Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return name + ": "
                + values.entrySet().stream()
                        .map(e -> e.getKey() + "=" + fmt(e.getValue()))
                        .collect(Collectors.joining(" "));
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2f", v);
    }
}
