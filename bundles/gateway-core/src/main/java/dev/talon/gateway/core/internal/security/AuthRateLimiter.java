package dev.talon.gateway.core.internal.security;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Brute-force throttling of handshake authentication (protocol §2.1; SECURITY.md S-02, S-12).
 *
 * <p>Failures are counted per {@link Subject} (client address, or the normalized Origin of a browser connecting
 * from loopback) and per {@link CredentialClass}. {@link Policy#maxAttempts} failures inside
 * {@link Policy#windowMs} (counted from the first failure) lock the pair for {@link Policy#lockoutMs}. An
 * exempt subject (a direct loopback process without Origin, when {@link Policy#exemptLoopback}) is never
 * locked: over the limit it is delayed instead, 250 ms doubling per further failure up to 5 s, for as long as
 * a lockout would last. A success clears its own class only. Only wrong credentials should be recorded, never
 * missing ones ({@link CredentialClass#ofFailure}).
 *
 * <p>Memory is bounded: at most {@link #MAX_KEYS} pairs are tracked; at the cap expired pairs are pruned
 * (at most once a second) and then the least recently touched pair is evicted. Thread-safe: one monitor guards
 * the map, and nothing foreign runs under it (the clock and policy suppliers are read before locking).
 *
 * <pre>{@code
 * AuthRateLimiter.Subject who = limiter.subject(clientIp, directLocal, originDecision.origin());
 * AuthRateLimiter.Decision d = limiter.check(who, CredentialClass.presented(hasSecret, hasDeviceToken, false));
 * if (d.locked()) throw AuthRateLimiter.rateLimited(d.retryAfterMs());
 * // d.delayMs() > 0: evaluate the credentials only after that delay (schedule; never sleep)
 * try {
 *     String method = authenticate();
 *     CredentialClass ok = CredentialClass.ofMethod(method);
 *     if (ok != null) limiter.recordSuccess(who, ok);
 * } catch (GatewayException e) {
 *     CredentialClass wrong = CredentialClass.ofFailure(e);
 *     if (wrong != null) limiter.recordFailure(who, wrong);
 *     throw e;
 * }
 * }</pre>
 */
public final class AuthRateLimiter {
    /** Maximum number of tracked (subject, class) pairs. */
    public static final int MAX_KEYS = 10_000;
    /** The protocol's exact message for a locked-out client. */
    public static final String MESSAGE = "unauthorized: too many failed authentication attempts (retry later)";

    static final long FIRST_DELAY_MS = 250;
    static final long MAX_DELAY_MS = 5_000;
    private static final long PRUNE_INTERVAL_MS = 1_000;

    /**
     * The limits ({@code gateway.auth.rateLimit.*}).
     *
     * @param maxAttempts failures allowed per window
     * @param windowMs the counting window, from the first failure
     * @param lockoutMs how long a subject stays locked (or delayed, when exempt)
     * @param exemptLoopback whether direct loopback processes are delayed instead of locked
     */
    public record Policy(int maxAttempts, long windowMs, long lockoutMs, boolean exemptLoopback) {
        public static final Policy DEFAULTS = new Policy(10, 60_000, 300_000, true);

        /** @throws IllegalArgumentException naming the {@code gateway.auth.rateLimit.*} key that is out of range */
        public Policy {
            requireRange("gateway.auth.rateLimit.maxAttempts", maxAttempts, 1, 10_000);
            requireRange("gateway.auth.rateLimit.windowMs", windowMs, 1_000, 86_400_000);
            requireRange("gateway.auth.rateLimit.lockoutMs", lockoutMs, 1_000, 86_400_000);
        }
    }

    /**
     * Who is being throttled.
     *
     * @param id {@code ip:<address>} or {@code origin:<scheme://host:port>}
     * @param exempt whether this subject is delayed instead of locked
     */
    public record Subject(String id, boolean exempt) {}

    /**
     * What to do with an attempt: go ahead, go ahead after {@link #delayMs}, or refuse for
     * {@link #retryAfterMs}.
     */
    public record Decision(long delayMs, long retryAfterMs) {
        public static final Decision ALLOWED = new Decision(0, 0);

        public static Decision delayed(long ms) {
            return new Decision(ms, 0);
        }

        public static Decision locked(long retryAfterMs) {
            return new Decision(0, Math.max(1, retryAfterMs));
        }

        public boolean allowed() {
            return retryAfterMs == 0;
        }

        public boolean locked() {
            return retryAfterMs > 0;
        }
    }

    /** Guarded by the limiter's monitor. */
    private static final class Entry {
        long windowStart;
        int failures;
        long lockedUntil;
    }

    private final Supplier<Policy> policy;
    private final LongSupplier clock;
    private final int maxKeys;
    /** Guarded by this; access-ordered, so the eldest entry is the least recently touched. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    /** Guarded by this. */
    private long lastPrune = Long.MIN_VALUE;

    /**
     * @param policy the current limits (read on every call, so configuration changes apply at once)
     * @param clock milliseconds, e.g. {@code System::currentTimeMillis}
     */
    public AuthRateLimiter(Supplier<Policy> policy, LongSupplier clock) {
        this(policy, clock, MAX_KEYS);
    }

    AuthRateLimiter(Supplier<Policy> policy, LongSupplier clock, int maxKeys) {
        this.policy = policy;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    /**
     * The subject for a connect.
     *
     * @param clientIp the effective client address ({@link ClientAddress.Resolution#clientIp})
     * @param directLocal {@link ClientAddress.Resolution#directLocal}: loopback socket, no forwarding headers
     * @param browserOrigin the normalized Origin ({@link OriginPolicy.Decision#origin}), or null for non-browsers
     */
    public Subject subject(String clientIp, boolean directLocal, String browserOrigin) {
        if (browserOrigin != null) {
            // Browsers are never exempt; from loopback every page shares one address, so key by page origin.
            return new Subject(IpLiteral.isLoopback(clientIp) ? "origin:" + browserOrigin : "ip:" + clientIp, false);
        }
        return new Subject("ip:" + clientIp, directLocal && policy.get().exemptLoopback());
    }

    /**
     * Before evaluating credentials: the most restrictive decision over {@code classes} (a locked class locks the
     * attempt, so adding a bogus device token cannot sidestep a shared-secret lockout, SECURITY.md S-12(b)).
     * Never creates an entry.
     */
    public Decision check(Subject s, CredentialClass... classes) {
        Policy p = policy.get();
        long now = clock.getAsLong();
        Decision worst = Decision.ALLOWED;
        synchronized (this) {
            for (CredentialClass c : classes) {
                Decision d = decide(s, entries.get(key(s, c)), p, now);
                if (d.locked() && d.retryAfterMs() > worst.retryAfterMs()
                        || !worst.locked() && d.delayMs() > worst.delayMs()) {
                    worst = d;
                }
            }
        }
        return worst;
    }

    /** Records a wrong credential of {@code cls}; returns the decision the next attempt would get. */
    public Decision recordFailure(Subject s, CredentialClass cls) {
        Policy p = policy.get();
        long now = clock.getAsLong();
        synchronized (this) {
            String k = key(s, cls);
            Entry e = entries.get(k);
            if (e == null || expired(e, p, now)) {
                e = new Entry();
                e.windowStart = now;
                makeRoom(p, now);
                entries.put(k, e);
            }
            e.failures++;
            if (e.failures >= p.maxAttempts() && (s.exempt() || e.lockedUntil <= now)) {
                e.lockedUntil = now + p.lockoutMs();
            }
            return decide(s, e, p, now);
        }
    }

    /** Records a success for {@code cls}: its counter is cleared; other classes keep theirs. */
    public synchronized void recordSuccess(Subject s, CredentialClass cls) {
        entries.remove(key(s, cls));
    }

    /** The protocol's lockout error: {@code INVALID_REQUEST}, {@code AUTH_RATE_LIMITED}, retryable. */
    public static GatewayException rateLimited(long retryAfterMs) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", "AUTH_RATE_LIMITED");
        d.put("authReason", "rate_limited");
        d.put("recommendedNextStep", "wait_then_retry");
        return new GatewayException(ErrorCode.INVALID_REQUEST, MESSAGE, d, Boolean.TRUE, retryAfterMs);
    }

    /** The number of tracked pairs (for tests and metrics). */
    public synchronized int size() {
        return entries.size();
    }

    private static Decision decide(Subject s, Entry e, Policy p, long now) {
        if (e == null || e.lockedUntil <= now) {
            return Decision.ALLOWED;
        }
        if (!s.exempt()) {
            return Decision.locked(e.lockedUntil - now);
        }
        int over = Math.min(e.failures - p.maxAttempts(), 16);
        return Decision.delayed(Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << Math.max(0, over)));
    }

    private static boolean expired(Entry e, Policy p, long now) {
        return e.lockedUntil <= now && now - e.windowStart >= p.windowMs();
    }

    /** Guarded by this. Keeps the map under the cap before an insert. */
    private void makeRoom(Policy p, long now) {
        if (entries.size() < maxKeys) {
            return;
        }
        if (now - lastPrune >= PRUNE_INTERVAL_MS || lastPrune == Long.MIN_VALUE) {
            lastPrune = now;
            entries.values().removeIf(e -> expired(e, p, now));
        }
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (entries.size() >= maxKeys && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static String key(Subject s, CredentialClass c) {
        return c.wireName() + "|" + s.id();
    }

    private static void requireRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", not " + value);
        }
    }
}
