package dev.talon.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayLauncherTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private GatewayLauncher launcher(Map<String, String> env, Properties props) {
        return new GatewayLauncher(
                env,
                props,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void preparesStateDirPidFileAndTokenThenRefusesASecondInstance() throws Exception {
        Path state = tmp.resolve("state");
        Properties props = new Properties();
        try (GatewayInstance first = launcher(Map.of("TALON_STATE_DIR", state.toString()), props)
                .prepare()
                .orElseThrow()) {
            assertEquals(state.toString(), props.getProperty("talon.state.dir"));
            assertEquals("ALL", props.getProperty("talon.console.level"));
            for (String sub : new String[] {"deploy", "data", "logs"}) {
                assertTrue(Files.isDirectory(state.resolve(sub)), sub);
            }
            String pid = Long.toString(ProcessHandle.current().pid());
            assertEquals(pid, Files.readString(state.resolve("talon.pid")).trim());
            assertEquals(
                    "talon: generated a gateway token; it is stored in " + state.resolve("talon.json")
                            + " (gateway.auth.token)\n",
                    out.toString(StandardCharsets.UTF_8));

            Properties second = new Properties();
            second.setProperty("talon.state.dir", state.toString());
            assertEquals(Optional.empty(), launcher(Map.of(), second).prepare());
            assertEquals(
                    "talon: a gateway is already running for state dir " + state + " (pid " + pid + ")\n",
                    err.toString(StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(state.resolve("talon.pid")), "pid file removed on close");
    }

    @Test
    void tokenFlagFromTheEnvironmentBecomesTheSystemPropertyAndSkipsGeneration() throws Exception {
        Properties props = new Properties();
        props.setProperty("talon.state.dir", tmp.toString());
        try (GatewayInstance i = launcher(Map.of("TALON_CLI_TOKEN", "flag-token"), props)
                .prepare()
                .orElseThrow()) {
            assertEquals("flag-token", props.getProperty("talon.cli.token"));
            assertFalse(Files.exists(tmp.resolve("talon.json")));
        }
    }
}
