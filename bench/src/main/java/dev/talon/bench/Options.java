package dev.talon.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --key value}, {@code --key=value} and bare {@code --flag} arguments after the subcommand. */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    static Options parse(List<String> args) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                o.positional.add(a);
                continue;
            }
            String key = a.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                o.values.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                o.values.put(key, args.get(++i));
            } else {
                o.values.put(key, "true");
            }
        }
        return o;
    }

    String str(String key, String def) {
        used.add(key);
        return values.getOrDefault(key, def);
    }

    String required(String key) {
        String v = str(key, null);
        if (v == null) {
            throw new BenchException("missing required option --" + key);
        }
        return v;
    }

    int integer(String key, int def) {
        String v = str(key, null);
        try {
            return v == null ? def : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BenchException("--" + key + " expects an integer, got " + v);
        }
    }

    /** A duration in (possibly fractional) seconds, returned in nanoseconds. */
    long seconds(String key, double def) {
        String v = str(key, null);
        try {
            double s = v == null ? def : Double.parseDouble(v);
            return (long) (s * 1e9);
        } catch (NumberFormatException e) {
            throw new BenchException("--" + key + " expects seconds, got " + v);
        }
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(str(key, "false"));
    }

    boolean has(String key) {
        return str(key, null) != null;
    }

    /** Options given on the command line that no benchmark asked for (typos). */
    List<String> unused() {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                out.add("--" + k);
            }
        }
        out.addAll(positional);
        return out;
    }
}
