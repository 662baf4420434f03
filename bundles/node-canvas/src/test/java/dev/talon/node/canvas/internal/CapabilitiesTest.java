package dev.talon.node.canvas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Capabilities caps = new Capabilities(now::get);

    @Test
    void aTokenIsValidUntilItExpires() {
        Capabilities.Grant g = caps.mint("conn-1", "canvas", 600_000);
        assertEquals(1_600_000, g.expiresAtMs());
        assertTrue(g.token().matches("[A-Za-z0-9_-]{43}"), "32 random bytes, base64url: " + g.token());
        assertTrue(caps.check(g.token()).isPresent());
        now.set(1_599_999);
        assertTrue(caps.check(g.token()).isPresent());
        now.set(1_600_000);
        assertFalse(caps.check(g.token()).isPresent(), "expired");
        assertEquals(0, caps.size());
    }

    @Test
    void unknownTokensAreRefusedAndTokensAreUnique() {
        assertFalse(caps.check("nope").isPresent());
        assertFalse(caps.check("").isPresent());
        assertNotEquals(
                caps.mint("c", "canvas", 1000).token(),
                caps.mint("c", "canvas", 1000).token());
    }

    @Test
    void closingTheConnectionRevokesItsTokensOnly() {
        Capabilities.Grant mine = caps.mint("conn-1", "canvas", 600_000);
        Capabilities.Grant other = caps.mint("conn-2", "canvas", 600_000);
        caps.revoke("conn-1");
        assertFalse(caps.check(mine.token()).isPresent());
        assertTrue(caps.check(other.token()).isPresent());
    }

    @Test
    void aConnectionKeepsOnlyItsNewestTokens() {
        Capabilities.Grant first = caps.mint("conn-1", "canvas", 600_000);
        for (int i = 1; i <= Capabilities.MAX_PER_CONNECTION; i++) {
            now.addAndGet(1);
            caps.mint("conn-1", "canvas", 600_000);
        }
        assertFalse(caps.check(first.token()).isPresent(), "the oldest was evicted");
        assertEquals(Capabilities.MAX_PER_CONNECTION, caps.size());
    }
}
