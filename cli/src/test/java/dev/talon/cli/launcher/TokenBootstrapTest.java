package dev.talon.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.cli.CliContext;
import dev.talon.cli.TalonConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenBootstrapTest {
    @TempDir
    Path state;

    @Test
    void firstRunWritesAPrivateConfigWithAStrongToken() throws Exception {
        Optional<Path> written = TokenBootstrap.ensureToken(state, Map.of(), new Properties());
        Path config = state.resolve("talon.json");
        assertEquals(Optional.of(config), written);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        String text = Files.readString(config);
        assertTrue(text.startsWith("{\n  // Talon gateway configuration. Comments are allowed. Edits apply live.\n"));
        String token =
                TalonConfig.load(state, CliContext.system().json()).token().orElseThrow();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
    }

    @Test
    void existingConfigIsNeverTouched() throws Exception {
        Files.writeString(state.resolve("talon.json"), "{}");
        assertTrue(TokenBootstrap.ensureToken(state, Map.of(), new Properties()).isEmpty());
        assertEquals("{}", Files.readString(state.resolve("talon.json")));
    }

    @Test
    void tokenFromFlagOrEnvironmentSkipsGeneration() throws Exception {
        Properties flag = new Properties();
        flag.setProperty(TokenBootstrap.TOKEN_PROPERTY, "t");
        assertTrue(TokenBootstrap.ensureToken(state, Map.of(), flag).isEmpty());
        for (String name : TokenBootstrap.TOKEN_ENV) {
            assertTrue(
                    TokenBootstrap.ensureToken(state, Map.of(name, "t"), new Properties())
                            .isEmpty(),
                    name);
        }
        assertFalse(Files.exists(state.resolve("talon.json")));
    }

    @Test
    void tokensDiffer() {
        assertNotEquals(TokenBootstrap.newToken(), TokenBootstrap.newToken());
    }
}
