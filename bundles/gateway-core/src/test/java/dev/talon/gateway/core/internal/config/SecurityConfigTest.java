package dev.talon.gateway.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.security.AuthRateLimiter;
import dev.talon.gateway.core.internal.security.SecuritySettings;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The hardening keys: talon.json schema, env, Configuration Admin properties and the settings record. */
class SecurityConfigTest {
    private static JsonNode file(String json) {
        return Json.LENIENT.readTree(json);
    }

    /** What DS does: each attribute reads its property ({@code a_b} is {@code a.b}), else its default. */
    static GatewayConfig asConfig(Dictionary<String, Object> props) {
        return (GatewayConfig) Proxy.newProxyInstance(
                GatewayConfig.class.getClassLoader(), new Class<?>[] {GatewayConfig.class}, (proxy, m, args) -> {
                    if (m.getDeclaringClass() == Object.class || m.getDefaultValue() == null) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    Object v = props.get(m.getName().replace('_', '.'));
                    return v != null ? v : m.getDefaultValue();
                });
    }

    private static GatewaySettings settings(String json, Map<String, String> env) {
        return GatewaySettings.from(
                asConfig(new ConfigSources(env, k -> null).merge(file(json)).properties()));
    }

    // SECURITY.md S-12(c): throttling is on with the protocol's limits when talon.json says nothing about it.
    @Test
    void defaultsMatchTheProtocol() {
        SecuritySettings s = settings("{}", Map.of()).security();
        assertEquals(new AuthRateLimiter.Policy(10, 60_000, 300_000, true), s.rateLimit());
        assertEquals(32, s.maxPreauthPerIp());
        assertTrue(s.trustedProxies().isEmpty());
        assertTrue(s.origins().allowedOrigins().isEmpty());
        assertEquals(
                SecuritySettings.DEFAULTS.rateLimit(),
                GatewaySettings.from(asConfig(new java.util.Hashtable<>()))
                        .security()
                        .rateLimit());
    }

    @Test
    void fileValuesReachTheSettingsThroughConfigurationAdminProperties() {
        String json =
                "{gateway:{auth:{rateLimit:{maxAttempts:3, windowMs:10000, lockoutMs:20000, exemptLoopback:false}},"
                        + " controlUi:{allowedOrigins:['https://GW.example.com']}, trustedProxies:['10.0.0.0/8','::1'],"
                        + " maxPreauthPerIp: 4}}";
        var props = new ConfigSources(Map.of(), k -> null).merge(file(json)).properties();
        assertArrayEquals(new String[] {"10.0.0.0/8", "::1"}, (String[]) props.get("trustedProxies"));
        assertEquals(3, props.get("auth.rateLimit.maxAttempts"));
        assertEquals(Boolean.FALSE, props.get("auth.rateLimit.exemptLoopback"));
        SecuritySettings s = GatewaySettings.from(asConfig(props)).security();
        assertEquals(new AuthRateLimiter.Policy(3, 10_000, 20_000, false), s.rateLimit());
        assertEquals(java.util.Set.of("https://gw.example.com:443"), s.origins().allowedOrigins());
        assertTrue(s.trustedProxies().contains("10.9.8.7"));
        assertEquals(4, s.maxPreauthPerIp());
    }

    @Test
    void thePreauthEnvironmentVariableBeatsTheFile() {
        assertEquals(
                5,
                settings("{gateway:{maxPreauthPerIp:4}}", Map.of("OPENCLAW_MAX_PREAUTH_CONNECTIONS_PER_IP", "5"))
                        .security()
                        .maxPreauthPerIp());
        assertEquals(
                6,
                settings(
                                "{}",
                                Map.of(
                                        "OPENCLAW_MAX_PREAUTH_CONNECTIONS_PER_IP",
                                        "5",
                                        "TALON_MAX_PREAUTH_CONNECTIONS_PER_IP",
                                        "6"))
                        .security()
                        .maxPreauthPerIp());
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> settings("{}", Map.of("OPENCLAW_MAX_PREAUTH_CONNECTIONS_PER_IP", "lots")));
        assertTrue(e.getMessage().startsWith("OPENCLAW_MAX_PREAUTH_CONNECTIONS_PER_IP:"), e.getMessage());
    }

    // SECURITY.md S-10, S-22: trust lists take IP literals and CIDRs only; R-08: a bad edit is rejected, not applied.
    @Test
    void badCidrsAndOriginsAreRejectedNamingTheKey() {
        var sources = new ConfigSources(Map.of(), k -> null);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> sources.merge(file("{gateway:{trustedProxies:['10.0.0.1','proxy.lan']}}")));
        assertTrue(e.getMessage().startsWith("gateway.trustedProxies[1]:"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> sources.merge(file("{gateway:{controlUi:{allowedOrigins:['gw.example.com']}}}")));
        assertTrue(e.getMessage().startsWith("gateway.controlUi.allowedOrigins[0]:"), e.getMessage());
    }

    @Test
    void theSchemaAcceptsTheKeysAndRejectsWrongShapes() {
        ConfigValidator v = new ConfigValidator();
        assertEquals(
                List.of(),
                v.validate(
                        file(
                                "{gateway:{auth:{rateLimit:{maxAttempts:10,windowMs:60000,lockoutMs:300000,"
                                        + "exemptLoopback:true}}, controlUi:{allowedOrigins:['*']}, trustedProxies:['127.0.0.1'], maxPreauthPerIp:32}}")));
        for (String bad : List.of(
                "{gateway:{auth:{rateLimit:{maxAttempts:0}}}}",
                "{gateway:{auth:{rateLimit:{windowMs:'60s'}}}}",
                "{gateway:{auth:{rateLimit:{burst:3}}}}",
                "{gateway:{trustedProxies:'10.0.0.1'}}",
                "{gateway:{controlUi:{allowedOrigins:[1]}}}",
                "{gateway:{maxPreauthPerIp:0}}")) {
            assertFalse(v.validate(file(bad)).isEmpty(), bad);
        }
    }

    @Test
    void outOfRangeAnnotationValuesFailActivationNamingTheKey() {
        var props = new ConfigSources(Map.of(), k -> null).merge(null).properties();
        props.put("maxPreauthPerIp", 0);
        var e = assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(asConfig(props)));
        assertTrue(e.getMessage().startsWith("gateway.maxPreauthPerIp:"), e.getMessage());
        props.put("maxPreauthPerIp", 32);
        props.put("trustedProxies", new String[] {"10.0.0.1/99"});
        e = assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(asConfig(props)));
        assertTrue(e.getMessage().startsWith("gateway.trustedProxies[0]:"), e.getMessage());
    }
}
