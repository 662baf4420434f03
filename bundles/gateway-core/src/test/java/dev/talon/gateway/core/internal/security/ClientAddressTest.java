package dev.talon.gateway.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.security.ClientAddress.Resolution;
import dev.talon.gateway.core.internal.security.ClientAddress.Verdict;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final AddressSet NO_PROXIES = AddressSet.NONE;

    private static Resolution resolve(String peer, AddressSet proxies, String... headerPairs) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headerPairs.length; i += 2) {
            h.put(headerPairs[i], headerPairs[i + 1]);
        }
        return ClientAddress.resolve(peer, h::get, proxies);
    }

    // SECURITY.md S-09: only a genuine loopback socket without forwarded evidence is local.
    @Test
    void aLoopbackPeerWithoutForwardingHeadersIsDirectLocal() {
        Resolution r = resolve("127.0.0.1", NO_PROXIES, "Host", "127.0.0.1:18789");
        assertTrue(r.directLocal());
        assertEquals("127.0.0.1", r.clientIp());
        assertEquals(Verdict.ACCEPT, r.verdict());
        assertTrue(resolve("0:0:0:0:0:0:0:1", NO_PROXIES).directLocal());
        assertEquals("::1", resolve("0:0:0:0:0:0:0:1", NO_PROXIES).clientIp());
    }

    // SECURITY.md S-09, S-10; PROTOCOL.md §1.5 "gateway ingress attribution required".
    @Test
    void forwardingHeadersFromAnUndeclaredLoopbackProxyNeedAttribution() {
        for (String header : ClientAddress.FORWARDING_HEADERS) {
            Resolution r = resolve("127.0.0.1", NO_PROXIES, header, "203.0.113.9");
            assertEquals(Verdict.ATTRIBUTION_REQUIRED, r.verdict(), header);
            assertFalse(r.directLocal(), header);
            assertEquals("127.0.0.1", r.clientIp(), "the header is never believed: " + header);
        }
    }

    // SECURITY.md S-09, S-10: headers from an untrusted remote peer are ignored, never local.
    @Test
    void forwardingHeadersFromAnUntrustedRemotePeerAreIgnored() {
        Resolution r = resolve("198.51.100.7", NO_PROXIES, "X-Forwarded-For", "127.0.0.1");
        assertEquals(Verdict.ACCEPT, r.verdict());
        assertEquals("198.51.100.7", r.clientIp());
        assertFalse(r.directLocal());
        assertFalse(r.viaTrustedProxy());
        assertFalse(
                resolve("198.51.100.7", AddressSet.parse("k", new String[] {"10.0.0.1"}), "X-Forwarded-For", "1.2.3.4")
                        .viaTrustedProxy());
    }

    // SECURITY.md S-12(d): behind a trusted proxy each real client is its own rate-limit subject.
    @Test
    void aTrustedProxyAttributesTheRightMostUntrustedHop() {
        AddressSet proxies = AddressSet.parse("gateway.trustedProxies", new String[] {"127.0.0.1", "10.0.0.0/8"});
        Resolution r = resolve("127.0.0.1", proxies, "X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.1.1.1");
        assertEquals(Verdict.ACCEPT, r.verdict());
        assertEquals("203.0.113.9", r.clientIp(), "a spoofed left-most entry is not believed");
        assertTrue(r.viaTrustedProxy());
        assertFalse(r.directLocal(), "forwarded evidence disqualifies locality even through a trusted proxy");
        assertEquals("127.0.0.1", r.peerIp());
    }

    @Test
    void aChainOfOnlyTrustedHopsYieldsTheLeftMostOne() {
        AddressSet proxies = AddressSet.parse("k", new String[] {"127.0.0.1", "10.0.0.0/8"});
        Resolution r = resolve("127.0.0.1", proxies, "X-Forwarded-For", "10.0.0.5, 10.0.0.6");
        assertEquals("10.0.0.5", r.clientIp());
        assertFalse(r.directLocal());
    }

    @Test
    void theForwardedHeaderIsReadWhenXForwardedForIsAbsent() {
        AddressSet proxies = AddressSet.parse("k", new String[] {"::1"});
        Resolution r = resolve(
                "::1",
                proxies,
                "Forwarded",
                "for=192.0.2.60;proto=http;by=203.0.113.43, for=\"[2001:db8:cafe::17]:4711\"");
        assertEquals("2001:db8:cafe::17", r.clientIp());
        assertEquals(Verdict.ACCEPT, r.verdict());
    }

    @Test
    void portsOnForwardedAddressesAreStripped() {
        AddressSet proxies = AddressSet.parse("k", new String[] {"127.0.0.1"});
        assertEquals(
                "203.0.113.9",
                resolve("127.0.0.1", proxies, "X-Forwarded-For", "203.0.113.9:5555")
                        .clientIp());
    }

    @Test
    void aTrustedProxyThatNamesNoUsableAddressNeedsAttribution() {
        AddressSet proxies = AddressSet.parse("k", new String[] {"127.0.0.1"});
        assertEquals(
                Verdict.ATTRIBUTION_REQUIRED,
                resolve("127.0.0.1", proxies, "X-Forwarded-For", "unknown").verdict());
        assertEquals(
                Verdict.ATTRIBUTION_REQUIRED,
                resolve("127.0.0.1", proxies, "X-Forwarded-For", "").verdict());
        assertEquals(
                Verdict.ATTRIBUTION_REQUIRED,
                resolve("127.0.0.1", proxies, "Forwarded", "for=_hidden").verdict());
        assertEquals(
                Verdict.ATTRIBUTION_REQUIRED,
                resolve("127.0.0.1", proxies, "X-Real-IP", "203.0.113.9").verdict(),
                "X-Real-IP alone is evidence of a proxy but never an address");
        assertEquals(
                Verdict.ATTRIBUTION_REQUIRED,
                resolve("127.0.0.1", proxies, "X-Forwarded-For", "203.0.113.9, garbage")
                        .verdict(),
                "an unparseable hop to the right of the client stops attribution");
    }

    @Test
    void anUnknownPeerIsNeverLocal() {
        Resolution r = resolve("", NO_PROXIES);
        assertFalse(r.directLocal());
        assertFalse(r.clientLoopback());
        assertEquals(Verdict.ACCEPT, r.verdict());
    }
}
