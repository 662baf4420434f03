package dev.talon.node.canvas.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Capability tokens for plugin-surface URLs ({@code /__openclaw__/cap/<token>/…}), in memory only: a gateway
 * restart invalidates them all and nodes get fresh ones at their next {@code hello-ok}. A token is 32 random
 * bytes (base64url), bound to one node connection and one surface, and valid until it expires or its connection
 * closes. Each connection keeps at most {@value #MAX_PER_CONNECTION} live tokens, so a page loaded with an
 * older one keeps working after a refresh. Thread-safe.
 */
final class Capabilities {
    static final int MAX_PER_CONNECTION = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token grants. */
    record Grant(String token, String connectionId, String surface, long expiresAtMs) {}

    private final LongSupplier clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /** @param clock epoch milliseconds (injectable for tests) */
    Capabilities(LongSupplier clock) {
        this.clock = clock;
    }

    /** Mints a token for {@code surface} on {@code connectionId}, valid for {@code ttlMs}. */
    Grant mint(String connectionId, String surface, long ttlMs) {
        long now = clock.getAsLong();
        purgeExpired(now);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Grant g = new Grant(
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), connectionId, surface, now + ttlMs);
        grants.put(g.token(), g);
        trim(connectionId);
        return g;
    }

    /** The live grant for {@code token}, if any; expired grants are removed on sight. */
    Optional<Grant> check(String token) {
        Grant g = grants.get(token);
        if (g == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() >= g.expiresAtMs()) {
            grants.remove(token, g);
            return Optional.empty();
        }
        return Optional.of(g);
    }

    /** Revokes every token of a connection (it closed). */
    void revoke(String connectionId) {
        grants.values().removeIf(g -> g.connectionId().equals(connectionId));
    }

    /** Live grants (tests, introspection). */
    int size() {
        purgeExpired(clock.getAsLong());
        return grants.size();
    }

    private void purgeExpired(long now) {
        grants.values().removeIf(g -> now >= g.expiresAtMs());
    }

    /** Keeps the newest {@value #MAX_PER_CONNECTION} grants of a connection. */
    private void trim(String connectionId) {
        List<Grant> mine = new ArrayList<>();
        grants.values().stream()
                .filter(g -> g.connectionId().equals(connectionId))
                .forEach(mine::add);
        if (mine.size() <= MAX_PER_CONNECTION) {
            return;
        }
        mine.sort(Comparator.comparingLong(Grant::expiresAtMs));
        mine.subList(0, mine.size() - MAX_PER_CONNECTION).forEach(g -> grants.remove(g.token(), g));
    }
}
