package dev.talon.cli;

import java.util.Set;

/**
 * Which {@code --options} a command accepts.
 *
 * @param valueOptions options followed by a value ({@code --url ws://…} or {@code --url=ws://…})
 * @param flags boolean options ({@code --json})
 * @param maxPositionals how many positional arguments are allowed
 * @param restIsVerbatim when true, parsing stops at the first positional: it and everything after it are
 *     positionals, even when they start with {@code -} (used by {@code shell}, whose argument is a Gogo line)
 */
public record OptionSpec(Set<String> valueOptions, Set<String> flags, int maxPositionals, boolean restIsVerbatim) {

    /** The options every command that talks to the gateway accepts. */
    public static final Set<String> CONNECTION_OPTIONS = Set.of("url", "token", "password", "timeout");

    public OptionSpec {
        valueOptions = Set.copyOf(valueOptions);
        flags = Set.copyOf(flags);
    }

    /** A spec with the connection options plus {@code extraValues} and {@code flags}. */
    public static OptionSpec connected(Set<String> extraValues, Set<String> flags, int maxPositionals) {
        return new OptionSpec(union(CONNECTION_OPTIONS, extraValues), flags, maxPositionals, false);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
