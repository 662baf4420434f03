package dev.talon.gateway.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

// SECURITY.md S-22 (string-prefix trust checks): only IP literals count, never names or lookalikes.
class IpLiteralTest {

    @Test
    void loopbackLiteralsInEveryFormAreLoopback() {
        for (String s : List.of(
                "127.0.0.1",
                "127.255.1.2",
                "::1",
                "[::1]",
                "0:0:0:0:0:0:0:1",
                "::ffff:127.0.0.1",
                "[::ffff:127.0.0.1]",
                " 127.0.0.1 ")) {
            assertTrue(IpLiteral.isLoopback(s), s);
        }
    }

    @Test
    void namesAndLookalikesAreNeverLoopback() {
        for (String s : List.of(
                "localhost",
                "127.evil.com",
                "localhost.evil.com",
                "0x7f.1",
                "0x7f000001",
                "127.1",
                "0177.0.0.1",
                "127.0.0.1.",
                "127.0.0.01",
                "2130706433",
                "127.0.0.1:80",
                "::ffff:127.1",
                "",
                "[]",
                "1.2.3.4",
                "::2")) {
            assertFalse(IpLiteral.isLoopback(s), s);
        }
        assertNull(IpLiteral.parse(null));
    }

    @Test
    void nonLiteralsAreNotParsedAndNeverResolved() {
        for (String s : List.of("example.com", "rebind.attacker.test", "g00gle", "abc", "ff", "localhost")) {
            assertNull(IpLiteral.parse(s), s);
        }
    }

    @Test
    void ipv6ZonesAreIgnoredAndFormattingIsCanonical() {
        assertEquals("fe80::1", IpLiteral.format(IpLiteral.parse("fe80:0:0:0:0:0:0:1%lo")));
        assertEquals("::1", IpLiteral.format(IpLiteral.parse("0:0:0:0:0:0:0:1")));
        assertEquals("2001:db8::1:0:0:1", IpLiteral.format(IpLiteral.parse("2001:db8:0:0:1:0:0:1")));
        assertEquals("127.0.0.1", IpLiteral.format(IpLiteral.parse("::ffff:127.0.0.1")));
    }

    @Test
    void privateRangesIncludeRfc1918CgnatLinkLocalAndUniqueLocal() {
        for (String s : List.of(
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.5",
                "100.64.0.1",
                "100.127.255.254",
                "169.254.1.1",
                "fd7a:115c:a1e0::1",
                "fe80::1",
                "127.0.0.1")) {
            assertTrue(IpLiteral.isPrivateOrLoopback(IpLiteral.parse(s)), s);
        }
        for (String s : List.of("8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:db8::1")) {
            assertFalse(IpLiteral.isPrivateOrLoopback(IpLiteral.parse(s)), s);
        }
    }
}
