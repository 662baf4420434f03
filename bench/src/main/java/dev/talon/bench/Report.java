package dev.talon.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Markdown helpers for result tables. */
final class Report {
    private Report() {}

    static String row(Metrics m, String... keys) {
        return "| " + Arrays.stream(keys).map(k -> Metrics.fmt(m.get(k))).collect(Collectors.joining(" | ")) + " |";
    }

    static String row(String first, Metrics m, String... keys) {
        return "| " + first + " " + row(m, keys);
    }
}
