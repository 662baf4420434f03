package dev.talon.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed command arguments: positionals, {@code --name value} options and {@code --flag}s. Immutable.
 *
 * <pre>{@code
 * Args a = Args.parse(List.of("logs", "--lines", "50"), spec);  // after the command word was removed
 * }</pre>
 */
public final class Args {
    private final List<String> positionals;
    private final Map<String, String> values;
    private final Set<String> flags;

    private Args(List<String> positionals, Map<String, String> values, Set<String> flags) {
        this.positionals = List.copyOf(positionals);
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
    }

    /**
     * Parses {@code argv} (the arguments after the command word) against {@code spec}.
     *
     * @throws CliException a usage error for an unknown option, a missing value or too many positionals
     */
    public static Args parse(List<String> argv, OptionSpec spec) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        boolean optionsDone = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (optionsDone || !arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                optionsDone |= spec.restIsVerbatim();
            } else if (arg.equals("--")) {
                optionsDone = true;
            } else {
                i = parseOption(argv, i, spec, values, flags);
            }
        }
        if (positionals.size() > spec.maxPositionals()) {
            throw CliException.usage("unexpected argument: " + positionals.get(spec.maxPositionals()));
        }
        return new Args(positionals, values, flags);
    }

    private static int parseOption(
            List<String> argv, int i, OptionSpec spec, Map<String, String> values, Set<String> flags) {
        String arg = argv.get(i);
        String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        if (spec.flags().contains(name) && eq < 0) {
            flags.add(name);
            return i;
        }
        if (!spec.valueOptions().contains(name)) {
            throw CliException.usage("unknown option: " + arg);
        }
        if (eq >= 0) {
            values.put(name, body.substring(eq + 1));
            return i;
        }
        if (i + 1 >= argv.size()) {
            throw CliException.usage("option --" + name + " needs a value");
        }
        values.put(name, argv.get(i + 1));
        return i + 1;
    }

    public List<String> positionals() {
        return positionals;
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /**
     * A positive integer option, or {@code fallback} when absent.
     *
     * @throws CliException a usage error when the value is not a positive integer
     */
    public long positiveLong(String name, long fallback) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.get().trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.usage("option --" + name + " needs a positive number, got: " + raw.get());
    }
}
