package dev.talon.gateway.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConfigSourcesTest {
    private static JsonNode file(String json) {
        return Json.LENIENT.readTree(json);
    }

    @Test
    void defaultsApplyWithoutFileEnvOrFlags() {
        var m = new ConfigSources(Map.of(), k -> null).merge(null);
        assertEquals("127.0.0.1", m.properties().get("host"));
        assertEquals(18789, m.properties().get("port"));
        assertEquals("token", m.properties().get("auth.mode"));
        assertEquals(30_000L, m.properties().get("heartbeat"));
        assertEquals(100, m.properties().get("maxConnections"));
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("no token")));
    }

    @Test
    void flagsBeatEnvWhichBeatsTheFileWhichBeatsDefaults() {
        JsonNode f = file("{gateway:{bind:'127.0.0.2:1000', port: 2000, auth:{token:'file'}}}");
        var fileOnly = new ConfigSources(Map.of(), k -> null).merge(f);
        assertEquals("127.0.0.2", fileOnly.properties().get("host"));
        assertEquals(2000, fileOnly.properties().get("port"));
        assertEquals("file", fileOnly.properties().get("auth.token"));

        Map<String, String> env = Map.of("TALON_GATEWAY_TOKEN", "env", "TALON_GATEWAY_PORT", "3000");
        var withEnv = new ConfigSources(env, k -> null).merge(f);
        assertEquals("env", withEnv.properties().get("auth.token"));
        assertEquals(3000, withEnv.properties().get("port"));

        Map<String, String> flags = Map.of(
                ConfigSources.FLAG_TOKEN,
                "flag",
                ConfigSources.FLAG_PORT,
                "4000",
                ConfigSources.FLAG_BIND,
                "127.0.0.3");
        var withFlags = new ConfigSources(env, flags::get).merge(f);
        assertEquals("flag", withFlags.properties().get("auth.token"));
        assertEquals(4000, withFlags.properties().get("port"));
        assertEquals("127.0.0.3", withFlags.properties().get("host"));
    }

    @Test
    void nodeCommandAllowAndDenyListsReachTheGatewayPid() {
        var none = new ConfigSources(Map.of(), k -> null).merge(null);
        assertArrayEquals(new String[0], (String[]) none.properties().get("nodes.commands.allow"));
        assertArrayEquals(new String[0], (String[]) none.properties().get("nodes.commands.deny"));
        var m = new ConfigSources(Map.of(), k -> null)
                .merge(file("{gateway:{nodes:{commands:{allow:['camera.snap'], deny:['system.run','sms.send']}}}}"));
        assertArrayEquals(
                new String[] {"camera.snap"}, (String[]) m.properties().get("nodes.commands.allow"));
        assertArrayEquals(new String[] {"system.run", "sms.send"}, (String[])
                m.properties().get("nodes.commands.deny"));
    }

    @Test
    void bindPortIsUsedWhenNoPortIsGiven() {
        var m = new ConfigSources(Map.of(), k -> null).merge(file("{gateway:{bind:'[::1]:18801'}}"));
        assertEquals("::1", m.properties().get("host"));
        assertEquals(18801, m.properties().get("port"));
    }

    @Test
    void openclawAndLegacyTokenVariablesAreAcceptedInOrder() {
        assertEquals(
                "oc",
                new ConfigSources(Map.of("OPENCLAW_GATEWAY_TOKEN", "oc", "CLAWDBOT_GATEWAY_TOKEN", "old"), k -> null)
                        .merge(null)
                        .properties()
                        .get("auth.token"));
        var legacy = new ConfigSources(Map.of("CLAWDBOT_GATEWAY_TOKEN", "old"), k -> null).merge(null);
        assertEquals("old", legacy.properties().get("auth.token"));
        assertTrue(legacy.warnings().stream().anyMatch(w -> w.contains("legacy")));
    }

    @Test
    void badEnvPortNamesTheVariable() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new ConfigSources(Map.of("TALON_GATEWAY_PORT", "http"), k -> null).merge(null));
        assertTrue(e.getMessage().startsWith("TALON_GATEWAY_PORT:"), e.getMessage());
    }

    @Test
    void tokenAndPasswordWithoutModeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ConfigSources(Map.of(), k -> null)
                .merge(file("{gateway:{auth:{token:'a',password:'b'}}}")));
        assertTrue(e.getMessage().startsWith("gateway.auth.mode:"), e.getMessage());
    }

    @Test
    void passwordAloneSelectsPasswordMode() {
        var m = new ConfigSources(Map.of("TALON_GATEWAY_PASSWORD", "pw"), k -> null).merge(null);
        assertEquals("password", m.properties().get("auth.mode"));
    }

    @Test
    void authNoneIsRefusedOnANonLoopbackBind() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ConfigSources(Map.of(), k -> null)
                .merge(file("{gateway:{bind:'lan', auth:{mode:'none'}}}")));
        assertTrue(e.getMessage().startsWith("gateway.auth.mode:"), e.getMessage());
    }
}
