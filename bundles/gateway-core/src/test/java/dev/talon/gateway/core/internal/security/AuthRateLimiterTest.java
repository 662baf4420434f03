package dev.talon.gateway.core.internal.security;

import static dev.talon.gateway.core.internal.security.CredentialClass.BOOTSTRAP_TOKEN;
import static dev.talon.gateway.core.internal.security.CredentialClass.DEVICE_TOKEN;
import static dev.talon.gateway.core.internal.security.CredentialClass.SHARED_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.security.AuthRateLimiter.Decision;
import dev.talon.gateway.core.internal.security.AuthRateLimiter.Policy;
import dev.talon.gateway.core.internal.security.AuthRateLimiter.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuthRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicReference<Policy> policy = new AtomicReference<>(Policy.DEFAULTS);
    private final AuthRateLimiter limiter = new AuthRateLimiter(policy::get, now::get);

    private Subject remote(String ip) {
        return limiter.subject(ip, false, null);
    }

    private void fail(Subject s, CredentialClass c, int times) {
        for (int i = 0; i < times; i++) {
            assertFalse(limiter.check(s, c).locked(), "attempt " + (i + 1) + " is still evaluated");
            limiter.recordFailure(s, c);
        }
    }

    // SECURITY.md S-12(a): the 11th attempt in 60 s is refused for ~300000 ms, even with valid credentials.
    @Test
    void tenFailuresInTheWindowLockTheEleventhAttemptForTheLockout() {
        Subject s = remote("203.0.113.9");
        fail(s, SHARED_SECRET, 10);
        Decision d = limiter.check(s, SHARED_SECRET);
        assertTrue(d.locked());
        assertEquals(300_000, d.retryAfterMs());
        now.addAndGet(299_999);
        assertEquals(1, limiter.check(s, SHARED_SECRET).retryAfterMs());
        now.addAndGet(1);
        assertTrue(limiter.check(s, SHARED_SECRET).allowed(), "the lockout ends");
    }

    // SECURITY.md S-12(a): other addresses are unaffected.
    @Test
    void aLockoutIsPerClientAddress() {
        fail(remote("203.0.113.9"), SHARED_SECRET, 10);
        assertTrue(limiter.check(remote("203.0.113.10"), SHARED_SECRET).allowed());
    }

    @Test
    void failuresOutsideTheWindowDoNotAccumulate() {
        Subject s = remote("203.0.113.9");
        fail(s, SHARED_SECRET, 9);
        now.addAndGet(60_000);
        fail(s, SHARED_SECRET, 9);
        assertTrue(limiter.check(s, SHARED_SECRET).allowed());
    }

    // PROTOCOL.md §2.1: shared-secret, device-token and bootstrap-token are tracked separately.
    @Test
    void credentialClassesAreCountedSeparatelyAndASuccessResetsOnlyItsOwnClass() {
        Subject s = remote("203.0.113.9");
        fail(s, SHARED_SECRET, 9);
        fail(s, DEVICE_TOKEN, 9);
        limiter.recordSuccess(s, SHARED_SECRET);
        fail(s, SHARED_SECRET, 9);
        assertTrue(limiter.check(s, SHARED_SECRET).allowed(), "the success cleared shared-secret failures");
        limiter.recordFailure(s, DEVICE_TOKEN);
        assertTrue(limiter.check(s, DEVICE_TOKEN).locked(), "device-token failures were kept");
        assertTrue(limiter.check(s, BOOTSTRAP_TOKEN).allowed());
    }

    // SECURITY.md S-12(b): adding a bogus deviceToken must not bypass the shared-secret lockout.
    @Test
    void checkingSeveralClassesReturnsTheMostRestrictive() {
        Subject s = remote("203.0.113.9");
        fail(s, SHARED_SECRET, 10);
        assertTrue(limiter.check(s, DEVICE_TOKEN, SHARED_SECRET).locked());
        assertTrue(limiter.check(s, SHARED_SECRET, DEVICE_TOKEN).locked());
    }

    // SECURITY.md S-02: browser failures from loopback are keyed by Origin and locked, never exempt.
    @Test
    void browserOriginsFromLoopbackAreKeyedByOriginAndLockedOut() {
        Subject evil = limiter.subject("127.0.0.1", false, "https://evil.example:443");
        Subject ui = limiter.subject("127.0.0.1", false, "http://127.0.0.1:18789");
        assertEquals("origin:https://evil.example:443", evil.id());
        assertFalse(evil.exempt());
        fail(evil, SHARED_SECRET, 10);
        assertTrue(limiter.check(evil, SHARED_SECRET).locked());
        assertTrue(limiter.check(ui, SHARED_SECRET).allowed(), "another page is not punished");
        assertTrue(
                limiter.check(limiter.subject("127.0.0.1", true, null), SHARED_SECRET)
                        .allowed(),
                "nor the local CLI");
    }

    @Test
    void aBrowserFromARemoteAddressIsKeyedByAddress() {
        Subject s = limiter.subject("203.0.113.9", false, "https://gw.example.com:443");
        assertEquals("ip:203.0.113.9", s.id());
        assertFalse(s.exempt());
    }

    @Test
    void directLoopbackProcessesAreDelayedWithEscalationButNeverLocked() {
        Subject cli = limiter.subject("127.0.0.1", true, null);
        assertTrue(cli.exempt());
        for (int i = 0; i < 9; i++) {
            limiter.recordFailure(cli, SHARED_SECRET);
        }
        assertEquals(Decision.ALLOWED, limiter.check(cli, SHARED_SECRET));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            limiter.recordFailure(cli, SHARED_SECRET);
            Decision d = limiter.check(cli, SHARED_SECRET);
            assertFalse(d.locked());
            assertTrue(d.allowed());
            delays.add(d.delayMs());
        }
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L), delays);
        now.addAndGet(300_000);
        assertEquals(Decision.ALLOWED, limiter.check(cli, SHARED_SECRET), "the penalty lasts one lockout period");
    }

    @Test
    void loopbackIsLockedLikeAnyoneWhenTheExemptionIsOff() {
        policy.set(new Policy(10, 60_000, 300_000, false));
        Subject cli = limiter.subject("127.0.0.1", true, null);
        assertFalse(cli.exempt());
        fail(cli, SHARED_SECRET, 10);
        assertTrue(limiter.check(cli, SHARED_SECRET).locked());
    }

    // SECURITY.md S-12(d)/S-09: a proxied loopback client is not a direct local process, so not exempt.
    @Test
    void aLoopbackAddressWithForwardingEvidenceIsNotExempt() {
        assertFalse(limiter.subject("127.0.0.1", false, null).exempt());
    }

    @Test
    void aSuccessClearsTheCounter() {
        Subject s = remote("203.0.113.9");
        fail(s, SHARED_SECRET, 9);
        limiter.recordSuccess(s, SHARED_SECRET);
        fail(s, SHARED_SECRET, 9);
        assertTrue(limiter.check(s, SHARED_SECRET).allowed());
    }

    @Test
    void policyChangesApplyToTheNextAttempt() {
        Subject s = remote("203.0.113.9");
        fail(s, SHARED_SECRET, 3);
        policy.set(new Policy(3, 60_000, 1_000, true));
        assertEquals(1_000, limiter.recordFailure(s, SHARED_SECRET).retryAfterMs());
    }

    // SECURITY.md S-12(e): missing credentials are not wrong guesses and must not lock anyone out.
    @Test
    void onlyWrongCredentialsCountAsFailures() {
        assertEquals(SHARED_SECRET, CredentialClass.ofReason("token_mismatch"));
        assertEquals(SHARED_SECRET, CredentialClass.ofReason("password_mismatch"));
        assertEquals(DEVICE_TOKEN, CredentialClass.ofReason("device_token_mismatch"));
        assertEquals(BOOTSTRAP_TOKEN, CredentialClass.ofReason("bootstrap_token_invalid"));
        for (String r : Arrays.asList(
                "token_missing",
                "password_missing",
                "token_missing_config",
                "password_missing_config",
                "scope_mismatch",
                "",
                null)) {
            assertNull(CredentialClass.ofReason(r), r);
        }
    }

    @Test
    void handshakeOutcomesMapToTheirCredentialClass() {
        GatewayException mismatch = new GatewayException(
                ErrorCode.INVALID_REQUEST,
                "unauthorized: gateway token mismatch",
                Map.of("code", "AUTH_TOKEN_MISMATCH", "authReason", "token_mismatch"),
                null,
                null);
        GatewayException deviceMismatch = new GatewayException(
                ErrorCode.INVALID_REQUEST, "x", Map.of("authReason", "device_token_mismatch"), null, null);
        GatewayException missing =
                new GatewayException(ErrorCode.INVALID_REQUEST, "x", Map.of("authReason", "token_missing"), null, null);
        assertEquals(SHARED_SECRET, CredentialClass.ofFailure(mismatch));
        assertEquals(DEVICE_TOKEN, CredentialClass.ofFailure(deviceMismatch));
        assertNull(CredentialClass.ofFailure(missing));
        assertNull(CredentialClass.ofFailure(GatewayException.invalidRequest("pairing required")));
        assertEquals(SHARED_SECRET, CredentialClass.ofMethod("token"));
        assertEquals(SHARED_SECRET, CredentialClass.ofMethod("password"));
        assertEquals(DEVICE_TOKEN, CredentialClass.ofMethod("device-token"));
        assertEquals(BOOTSTRAP_TOKEN, CredentialClass.ofMethod("bootstrap-token"));
        assertNull(CredentialClass.ofMethod("none"));
        assertEquals(0, CredentialClass.presented(false, false, false).length, "nothing presented, nothing checked");
        assertEquals(List.of(SHARED_SECRET, DEVICE_TOKEN), List.of(CredentialClass.presented(true, true, false)));
    }

    // SECURITY.md S-12(f): 1000s of spoofed keys cannot grow memory past the cap.
    @Test
    void trackedKeysAreCappedByEvictingTheLeastRecentlyTouched() {
        AuthRateLimiter small = new AuthRateLimiter(policy::get, now::get, 100);
        Subject first = small.subject("198.51.100.1", false, null);
        for (int i = 0; i < 10; i++) {
            small.recordFailure(first, SHARED_SECRET);
        }
        for (int i = 0; i < 1_000; i++) {
            small.recordFailure(small.subject("10.0." + (i / 250) + "." + (i % 250), false, null), SHARED_SECRET);
            assertTrue(small.size() <= 100);
        }
        assertEquals(100, small.size());
        assertTrue(small.check(first, SHARED_SECRET).allowed(), "the eldest entry was evicted");
        assertEquals(AuthRateLimiter.MAX_KEYS, 10_000);
    }

    @Test
    void expiredEntriesArePrunedBeforeLiveOnesAreEvicted() {
        AuthRateLimiter small = new AuthRateLimiter(policy::get, now::get, 3);
        Subject locked = small.subject("198.51.100.1", false, null);
        for (int i = 0; i < 10; i++) {
            small.recordFailure(locked, SHARED_SECRET);
        }
        small.recordFailure(small.subject("198.51.100.2", false, null), SHARED_SECRET);
        small.recordFailure(small.subject("198.51.100.3", false, null), SHARED_SECRET);
        now.addAndGet(60_000); // .2 and .3 expire; .1 is still locked
        small.recordFailure(small.subject("198.51.100.4", false, null), SHARED_SECRET);
        assertEquals(2, small.size());
        assertTrue(small.check(locked, SHARED_SECRET).locked());
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        Subject s = remote("203.0.113.9");
        policy.set(new Policy(400, 60_000, 300_000, true));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                        limiter.recordFailure(s, SHARED_SECRET);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(limiter.check(s, SHARED_SECRET).locked(), "exactly 400 failures reach the limit");
    }

    @Test
    void theLockoutErrorHasTheProtocolShape() {
        GatewayException e = AuthRateLimiter.rateLimited(299_500);
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("unauthorized: too many failed authentication attempts (retry later)", e.getMessage());
        assertEquals(
                Map.of(
                        "code",
                        "AUTH_RATE_LIMITED",
                        "authReason",
                        "rate_limited",
                        "recommendedNextStep",
                        "wait_then_retry"),
                e.details());
        assertEquals(Boolean.TRUE, e.retryable());
        assertEquals(299_500L, e.retryAfterMs());
    }

    @Test
    void outOfRangeLimitsAreRefusedNamingTheKey() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Policy(0, 60_000, 300_000, true));
        assertTrue(e.getMessage().startsWith("gateway.auth.rateLimit.maxAttempts:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Policy(10, 10, 300_000, true));
        assertTrue(e.getMessage().startsWith("gateway.auth.rateLimit.windowMs:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Policy(10, 60_000, -1, true));
        assertTrue(e.getMessage().startsWith("gateway.auth.rateLimit.lockoutMs:"), e.getMessage());
    }
}
