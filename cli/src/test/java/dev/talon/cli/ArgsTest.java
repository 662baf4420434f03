package dev.talon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static final OptionSpec CALL = OptionSpec.connected(Set.of("params"), Set.of("json"), 1);

    @Test
    void valuesFlagsAndPositionalsMixInAnyOrder() {
        Args a = Args.parse(List.of("--json", "chat.send", "--params", "{\"a\":1}", "--url=ws://h:1"), CALL);
        assertEquals(List.of("chat.send"), a.positionals());
        assertEquals(Optional.of("{\"a\":1}"), a.value("params"));
        assertEquals(Optional.of("ws://h:1"), a.value("url"));
        assertTrue(a.flag("json"));
        assertFalse(a.flag("deep"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliException e = assertThrows(CliException.class, () -> Args.parse(List.of("--nope"), CALL));
        assertEquals(CliException.USAGE, e.exitCode());
        assertEquals("unknown option: --nope", e.getMessage());
    }

    @Test
    void missingValueAndExtraPositionalAreUsageErrors() {
        assertEquals(
                CliException.USAGE,
                assertThrows(CliException.class, () -> Args.parse(List.of("--token"), CALL))
                        .exitCode());
        assertEquals(
                CliException.USAGE,
                assertThrows(CliException.class, () -> Args.parse(List.of("a", "b"), CALL))
                        .exitCode());
    }

    @Test
    void flagGivenAValueIsRejected() {
        assertThrows(CliException.class, () -> Args.parse(List.of("--json=yes"), CALL));
    }

    @Test
    void doubleDashEndsOptions() {
        Args a = Args.parse(List.of("--", "--json"), CALL);
        assertEquals(List.of("--json"), a.positionals());
        assertFalse(a.flag("json"));
    }

    @Test
    void verbatimRestKeepsOptionsOfTheCommandLine() {
        OptionSpec shell = new OptionSpec(OptionSpec.CONNECTION_OPTIONS, Set.of(), Integer.MAX_VALUE, true);
        Args a = Args.parse(List.of("--token", "t", "lb", "-s", "--url", "x"), shell);
        assertEquals(Optional.of("t"), a.value("token"));
        assertEquals(List.of("lb", "-s", "--url", "x"), a.positionals());
        assertEquals(Optional.empty(), a.value("url"));
    }

    @Test
    void positiveLongValidatesItsInput() {
        OptionSpec logs = new OptionSpec(Set.of("lines"), Set.of("follow"), 0, false);
        assertEquals(200, Args.parse(List.of(), logs).positiveLong("lines", 200));
        assertEquals(5, Args.parse(List.of("--lines", "5"), logs).positiveLong("lines", 200));
        Args bad = Args.parse(List.of("--lines", "-3"), logs);
        assertThrows(CliException.class, () -> bad.positiveLong("lines", 200));
        Args text = Args.parse(List.of("--lines=abc"), logs);
        assertThrows(CliException.class, () -> text.positiveLong("lines", 200));
    }
}
