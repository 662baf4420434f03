package dev.talon.gateway.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.security.OriginPolicy.Decision;
import dev.talon.gateway.core.internal.security.OriginPolicy.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private static final OriginPolicy DEFAULT = OriginPolicy.DEFAULT;
    private static final String LOCAL_HOST = "127.0.0.1:18789";

    private static OriginPolicy allowing(String... origins) {
        return OriginPolicy.parse("gateway.controlUi.allowedOrigins", origins);
    }

    @Test
    void aClientWithoutOriginIsNotABrowserAndIsAllowed() {
        Decision d = DEFAULT.evaluate(null, "evil.example:18789", "203.0.113.9");
        assertTrue(d.allowed());
        assertFalse(d.browser());
    }

    // SECURITY.md S-02 (ClawJacked): a foreign site reaching loopback is refused before auth.
    @Test
    void aForeignOriginOnLoopbackIsRefusedWithTheProtocolError() {
        Decision d = DEFAULT.evaluate("https://evil.example", LOCAL_HOST, "127.0.0.1");
        assertFalse(d.allowed());
        assertEquals(Reason.NOT_ALLOWED, d.reason());
        GatewayException e = d.error();
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals(
                "origin not allowed (open the Control UI from the gateway host or allow it in "
                        + "gateway.controlUi.allowedOrigins)",
                e.getMessage());
        assertEquals(Map.of("code", "CONTROL_UI_ORIGIN_NOT_ALLOWED", "reason", "origin-not-allowed"), e.details());
        assertEquals(1008, OriginPolicy.CLOSE_CODE);
    }

    // SECURITY.md S-02: Origin null (sandboxed iframes, file://) and malformed origins are refused.
    @Test
    void nullAndMalformedOriginsAreRefused() {
        assertEquals(
                Reason.NULL_ORIGIN,
                DEFAULT.evaluate("null", LOCAL_HOST, "127.0.0.1").reason());
        for (String o : List.of(
                "",
                "127.0.0.1",
                "file://",
                "chrome-extension://abc",
                "http://",
                "http://a b",
                "http://user@127.0.0.1",
                "http://127.0.0.1/path",
                "http://127.0.0.1:0",
                "http://127.0.0.1:99999",
                "http://[zz::1]",
                "ws://127.0.0.1:18789")) {
            Decision d = DEFAULT.evaluate(o, LOCAL_HOST, "127.0.0.1");
            assertFalse(d.allowed(), o);
            assertEquals(Reason.INVALID_ORIGIN, d.reason(), o);
        }
    }

    // SECURITY.md S-02 policy decision: local pages on any loopback port may talk to a local gateway
    // (INTEROP.md "Control UI → another gateway"; the Node original accepts it too).
    @Test
    void loopbackOriginsOnAnyPortAreAllowedForALoopbackHostAndPeer() {
        for (String o : List.of(
                "http://127.0.0.1:18789",
                "http://127.0.0.1:18790",
                "http://localhost:5173",
                "http://LOCALHOST:5173",
                "http://[::1]:8080",
                "https://127.0.0.2")) {
            assertTrue(DEFAULT.evaluate(o, LOCAL_HOST, "127.0.0.1").allowed(), o);
        }
        assertTrue(DEFAULT.evaluate("http://localhost:5173", "localhost:18789", "::1")
                .allowed());
        assertTrue(DEFAULT.evaluate("http://localhost:5173", "[::1]:18789", "127.0.0.1")
                .allowed());
    }

    @Test
    void aLoopbackOriginIsRefusedWhenThePeerIsRemote() {
        assertFalse(DEFAULT.evaluate("http://localhost:5173", LOCAL_HOST, "203.0.113.9")
                .allowed());
        assertFalse(DEFAULT.evaluate("http://localhost:5173", "192.168.1.5:18789", "192.168.1.20")
                .allowed());
    }

    // SECURITY.md S-03 (DNS rebinding): attacker name resolved to 127.0.0.1 with a matching Origin.
    @Test
    void aRebindingHostWithAMatchingOriginIsRefusedEvenFromLoopback() {
        Decision d = DEFAULT.evaluate("http://rebind.attacker.test:18789", "rebind.attacker.test:18789", "127.0.0.1");
        assertFalse(d.allowed());
        assertEquals(Reason.NOT_ALLOWED, d.reason());
        assertFalse(
                DEFAULT.evaluate("http://127.0.0.1:18789", "evil.example:18789", "127.0.0.1")
                        .allowed(),
                "a loopback Origin does not help when the Host header is a foreign name");
        assertFalse(
                DEFAULT.evaluate("http://localhost:18789", null, "127.0.0.1").allowed(), "no Host header");
    }

    // SECURITY.md S-22: lookalike loopback names are names, not loopback.
    @Test
    void lookalikeLoopbackNamesAreNotLoopback() {
        for (String o : List.of(
                "http://127.evil.com:18789",
                "http://localhost.evil.com",
                "http://localhost.:18789",
                "http://127.0.0.1.:18789",
                "http://0x7f.1:18789")) {
            assertFalse(DEFAULT.evaluate(o, LOCAL_HOST, "127.0.0.1").allowed(), o);
        }
    }

    @Test
    void configuredOriginsMatchExactlyWithCaseInsensitiveHostsAndDefaultPorts() {
        OriginPolicy p = allowing("https://GW.example.com", "http://10.0.0.5:8080");
        assertTrue(p.evaluate("https://gw.example.com", "gw.example.com", "203.0.113.9")
                .allowed());
        assertTrue(p.evaluate("https://gw.example.com:443", "anything", "203.0.113.9")
                .allowed());
        assertTrue(p.evaluate("http://10.0.0.5:8080", "proxy:80", "10.0.0.1").allowed());
        assertFalse(
                p.evaluate("http://gw.example.com", "gw.example.com", "203.0.113.9")
                        .allowed(),
                "scheme differs");
        assertFalse(
                p.evaluate("https://gw.example.com:8443", "gw.example.com", "203.0.113.9")
                        .allowed(),
                "port differs");
        assertFalse(p.evaluate("https://evil-gw.example.com", "gw.example.com", "203.0.113.9")
                .allowed());
        assertEquals(
                "https://gw.example.com:443",
                p.evaluate("https://gw.example.com", "x", "1.1.1.1").origin());
    }

    @Test
    void aStarAllowsAnyWellFormedOriginButStillNotNull() {
        OriginPolicy p = allowing("*");
        assertTrue(p.evaluate("https://anything.example", "gw:1", "203.0.113.9").allowed());
        assertFalse(p.evaluate("null", "gw:1", "203.0.113.9").allowed());
    }

    // PROTOCOL.md §1.1.1: same-origin pages on private, .local and .ts.net hosts (Control UI on a LAN bind).
    @Test
    void sameOriginOnPrivateHostsIsAllowedButNotOnPublicNames() {
        assertTrue(DEFAULT.evaluate("http://192.168.1.5:18789", "192.168.1.5:18789", "192.168.1.20")
                .allowed());
        assertTrue(DEFAULT.evaluate("http://100.101.102.103:18789", "100.101.102.103:18789", "100.64.0.9")
                .allowed());
        assertTrue(DEFAULT.evaluate("https://box.tail1234.ts.net", "box.tail1234.ts.net", "100.64.0.9")
                .allowed());
        assertTrue(DEFAULT.evaluate("http://gateway.local:18789", "gateway.local:18789", "192.168.1.20")
                .allowed());
        assertTrue(DEFAULT.evaluate("http://[fd00::5]:18789", "[fd00::5]:18789", "fd00::9")
                .allowed());
        assertFalse(
                DEFAULT.evaluate("http://192.168.1.5:18789", "192.168.1.5:18790", "192.168.1.20")
                        .allowed(),
                "a different port is a different origin");
        assertFalse(
                DEFAULT.evaluate("http://8.8.8.8:18789", "8.8.8.8:18789", "8.8.8.8")
                        .allowed(),
                "public IP");
        assertFalse(
                DEFAULT.evaluate("http://gw.example.com", "gw.example.com", "10.0.0.1")
                        .allowed(),
                "public name");
        assertTrue(
                DEFAULT.evaluate("http://192.168.1.5", "192.168.1.5", "192.168.1.20")
                        .allowed(),
                "default ports");
    }

    @Test
    void invalidConfiguredOriginsAreRefusedNamingTheKeyAndIndex() {
        for (String bad : List.of("gw.example.com", "https://gw.example.com/ui", "ftp://x", "null", "")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> allowing("https://ok.example", bad), bad);
            assertTrue(e.getMessage().startsWith("gateway.controlUi.allowedOrigins[1]: "), e.getMessage());
        }
    }

    @Test
    void normalizationLowercasesAndMakesDefaultPortsExplicit() {
        assertEquals("http://localhost:80", OriginPolicy.normalize("HTTP://LocalHost"));
        assertEquals("https://[::1]:443", OriginPolicy.normalize("https://[::1]"));
        assertNull(OriginPolicy.normalize("https://[::1"));
    }
}
