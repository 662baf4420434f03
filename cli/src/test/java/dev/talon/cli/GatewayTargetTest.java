package dev.talon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTargetTest {
    @TempDir
    Path state;

    private final OptionSpec spec = OptionSpec.connected(java.util.Set.of(), java.util.Set.of(), 0);

    @BeforeEach
    void writeConfig() throws Exception {
        Files.writeString(
                state.resolve("talon.json"),
                "{ // config\n \"gateway\": { \"port\": 18801, \"auth\": { \"token\": \"from-json\" } } }");
    }

    private GatewayTarget resolve(Map<String, String> env, String... argv) {
        return GatewayTarget.resolve(Args.parse(List.of(argv), spec), new TestContexts(state, env).ctx);
    }

    @Test
    void defaultsComeFromTalonJson() {
        GatewayTarget t = resolve(Map.of());
        assertEquals("ws://127.0.0.1:18801", t.url().toString());
        assertEquals("from-json", t.token());
        assertNull(t.password());
    }

    @Test
    void portEnvBeatsTalonJsonAndDefaultIs18789() throws Exception {
        assertEquals(
                "ws://127.0.0.1:18802",
                resolve(Map.of("TALON_GATEWAY_PORT", "18802")).url().toString());
        Files.delete(state.resolve("talon.json"));
        assertEquals("ws://127.0.0.1:18789", resolve(Map.of()).url().toString());
    }

    @Test
    void urlPrecedenceIsFlagThenTalonEnvThenOpenclawEnv() {
        Map<String, String> env = Map.of(
                "TALON_GATEWAY_URL",
                "ws://127.0.0.1:2",
                "OPENCLAW_GATEWAY_URL",
                "ws://127.0.0.1:3",
                "TALON_GATEWAY_PORT",
                "4");
        assertEquals(
                "ws://127.0.0.1:1",
                resolve(env, "--url", "ws://127.0.0.1:1").url().toString());
        assertEquals("ws://127.0.0.1:2", resolve(env).url().toString());
        assertEquals(
                "ws://127.0.0.1:3",
                resolve(Map.of("OPENCLAW_GATEWAY_URL", "ws://127.0.0.1:3"))
                        .url()
                        .toString());
    }

    @Test
    void tokenPrecedenceIsFlagThenEnvChainThenTalonJson() {
        Map<String, String> all =
                Map.of("TALON_GATEWAY_TOKEN", "t", "OPENCLAW_GATEWAY_TOKEN", "o", "CLAWDBOT_GATEWAY_TOKEN", "c");
        assertEquals("flag", resolve(all, "--token", "flag").token());
        assertEquals("t", resolve(all).token());
        assertEquals(
                "o",
                resolve(Map.of("OPENCLAW_GATEWAY_TOKEN", "o", "CLAWDBOT_GATEWAY_TOKEN", "c"))
                        .token());
        assertEquals("c", resolve(Map.of("CLAWDBOT_GATEWAY_TOKEN", "c")).token());
        assertEquals("from-json", resolve(Map.of("TALON_GATEWAY_TOKEN", " ")).token());
    }

    @Test
    void explicitPasswordReplacesConfiguredCredentials() {
        GatewayTarget t = resolve(Map.of("TALON_GATEWAY_PASSWORD", "pw"));
        assertEquals("pw", t.password());
        assertNull(t.token());
        assertEquals("pw2", resolve(Map.of(), "--password", "pw2").password());
    }

    @Test
    void explicitSourcesBypassABrokenTalonJson() throws Exception {
        Files.writeString(state.resolve("talon.json"), "{ broken");
        GatewayTarget t = resolve(Map.of(), "--url", "ws://127.0.0.1:9", "--token", "x");
        assertEquals("x", t.token());
        assertThrows(CliException.class, () -> resolve(Map.of()));
    }

    @Test
    void badUrlAndPortAreUsageErrors() {
        assertEquals(
                CliException.USAGE,
                assertThrows(CliException.class, () -> resolve(Map.of(), "--url", "http://127.0.0.1:1"))
                        .exitCode());
        assertEquals(
                CliException.USAGE,
                assertThrows(CliException.class, () -> resolve(Map.of("TALON_GATEWAY_PORT", "99999")))
                        .exitCode());
    }

    @Test
    void toStringHidesTheToken() {
        assertEquals(-1, resolve(Map.of()).toString().indexOf("from-json"));
    }
}
