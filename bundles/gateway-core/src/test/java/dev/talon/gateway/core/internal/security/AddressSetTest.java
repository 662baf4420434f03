package dev.talon.gateway.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

// SECURITY.md S-09, S-10 (which peers may attribute clients), S-22 (no names, no lookalikes).
class AddressSetTest {
    private static AddressSet set(String... entries) {
        return AddressSet.parse("gateway.trustedProxies", entries);
    }

    @Test
    void exactIpv4AndIpv6EntriesMatchOnlyThemselves() {
        AddressSet s = set("10.0.0.1", "::1");
        assertTrue(s.contains("10.0.0.1"));
        assertTrue(s.contains("0:0:0:0:0:0:0:1"));
        assertFalse(s.contains("10.0.0.2"));
        assertFalse(s.contains("127.0.0.1"));
    }

    @Test
    void cidrBlocksMatchTheirRangeForBothFamilies() {
        AddressSet s = set("10.0.0.0/8", "192.168.1.128/25", "fd00::/8", "0.0.0.0/0");
        assertTrue(s.contains("10.255.1.1"));
        assertTrue(s.contains("192.168.1.200"));
        assertTrue(s.contains("8.8.8.8"), "0.0.0.0/0 matches every IPv4 address");
        assertTrue(s.contains("fd12::1"));
        assertFalse(s.contains("fe80::1"));
        AddressSet narrow = set("192.168.1.128/25");
        assertFalse(narrow.contains("192.168.1.127"));
        assertFalse(set("10.0.0.0/8").contains("::ffff:11.0.0.1"));
        assertTrue(set("10.0.0.0/8").contains("::ffff:10.0.0.1"), "IPv4-mapped IPv6 is the IPv4 address");
    }

    @Test
    void invalidEntriesAreRefusedNamingTheKeyAndIndex() {
        for (String bad :
                new String[] {"proxy.local", "10.0.0.0/33", "::1/129", "10.0.0.1/", "10.0.0.1/x", "127.1", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set("10.0.0.1", bad), bad);
            assertTrue(e.getMessage().startsWith("gateway.trustedProxies[1]: '" + bad.trim() + "'"), e.getMessage());
        }
    }

    @Test
    void emptyOrMissingListTrustsNobody() {
        assertTrue(set().isEmpty());
        assertTrue(AddressSet.parse("k", null).isEmpty());
        assertFalse(AddressSet.NONE.contains("127.0.0.1"));
        assertFalse(set("10.0.0.1").contains((String) null));
        assertEquals(set("10.0.0.1"), set(" 10.0.0.1 "));
    }
}
