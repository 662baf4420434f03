package dev.talon.gateway.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BindAddressTest {
    @Test
    void namedBindsMapToAddresses() {
        assertEquals(new BindAddress("127.0.0.1", null), BindAddress.parse("loopback"));
        assertEquals(new BindAddress("0.0.0.0", null), BindAddress.parse("lan"));
    }

    @Test
    void hostPortAndIpv6FormsParse() {
        assertEquals(new BindAddress("127.0.0.1", 18789), BindAddress.parse("127.0.0.1:18789"));
        assertEquals(new BindAddress("::1", 9), BindAddress.parse("[::1]:9"));
        assertEquals(new BindAddress("::1", null), BindAddress.parse("[::1]"));
        assertNull(BindAddress.parse("example.test").port());
    }

    @Test
    void malformedBindsNameTheKey() {
        for (String bad : new String[] {"127.0.0.1:0", "127.0.0.1:99999", "[::1", "host:abc", " "}) {
            var e = assertThrows(IllegalArgumentException.class, () -> BindAddress.parse(bad), bad);
            assertEquals(true, e.getMessage().startsWith("gateway.bind:"), e.getMessage());
        }
    }
}
