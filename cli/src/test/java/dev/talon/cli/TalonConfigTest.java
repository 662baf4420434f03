package dev.talon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class TalonConfigTest {
    @TempDir
    Path state;

    private final JsonMapper json = CliContext.system().json();

    @Test
    void readsCommentsAndTrailingCommas() throws Exception {
        Files.writeString(state.resolve("talon.json"), """
                {
                  // line comment
                  "gateway": {
                    /* block comment */
                    "port": 18795,
                    "auth": { "mode": "token", "token": "abc", "password": "pw", },
                  },
                }
                """);
        TalonConfig config = TalonConfig.load(state, json);
        assertEquals(Optional.of(18795), config.port());
        assertEquals(Optional.of("abc"), config.token());
        assertEquals(Optional.of("pw"), config.password());
    }

    @Test
    void missingFileIsEmpty() {
        TalonConfig config = TalonConfig.load(state, json);
        assertTrue(config.port().isEmpty());
        assertTrue(config.token().isEmpty());
    }

    @Test
    void wrongTypesAreIgnored() throws Exception {
        Files.writeString(
                state.resolve("talon.json"),
                "{\"gateway\":{\"port\":\"80\",\"auth\":{\"token\":{\"source\":\"env\"}}}}");
        TalonConfig config = TalonConfig.load(state, json);
        assertTrue(config.port().isEmpty());
        assertTrue(config.token().isEmpty());
    }

    @Test
    void malformedFileNamesTheFile() throws Exception {
        Files.writeString(state.resolve("talon.json"), "{ \"gateway\": ");
        CliException e = assertThrows(CliException.class, () -> TalonConfig.load(state, json));
        assertTrue(e.getMessage().contains("talon.json is not valid JSON"), e.getMessage());
    }
}
