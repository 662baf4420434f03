package dev.talon.gateway.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.config.AuthMode;
import dev.talon.gateway.core.internal.config.GatewaySettings;
import dev.talon.gateway.core.internal.security.AddressSet;
import dev.talon.gateway.core.internal.security.AuthRateLimiter;
import dev.talon.gateway.core.internal.security.CredentialClass;
import dev.talon.gateway.core.internal.security.OriginPolicy;
import dev.talon.gateway.core.internal.security.SecuritySettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Gateway auth of contributed HTTP routes (protocol §5.6.3/§5.6.4, SECURITY.md S-12): open on loopback binds,
 * Bearer beyond, wrong secrets throttled by the limiter the WebSocket handshake uses. "Bound beyond loopback" is
 * injected, so no test binds or contacts anything outside 127.0.0.0/8.
 */
class RouteDispatcherTest {
    private static final String TOKEN = "route-token";
    private static final AuthRateLimiter.Policy POLICY = new AuthRateLimiter.Policy(3, 60_000, 300_000, false);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private GatewaySettings settings = settings("127.0.0.1", AuthMode.TOKEN, POLICY);
    private final AuthRateLimiter limiter =
            new AuthRateLimiter(() -> settings.security().rateLimit(), now::get);

    private static GatewaySettings settings(String host, AuthMode mode, AuthRateLimiter.Policy policy) {
        return new GatewaySettings(
                host,
                18789,
                mode,
                TOKEN,
                null,
                30_000,
                100,
                30_000,
                new SecuritySettings(policy, OriginPolicy.DEFAULT, AddressSet.NONE, 32));
    }

    private RouteDispatcher exposed() {
        return new RouteDispatcher(null, () -> settings, limiter, s -> true, Runnable::run);
    }

    private static RouteDispatcher.AuthDecision get(RouteDispatcher d, String ip, String authorization) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        return d.authorize(ip, headers::get);
    }

    @Test
    void aLoopbackBindIsOpenWithoutCredentials() {
        RouteDispatcher d = new RouteDispatcher(
                null, () -> settings, limiter, RouteDispatcher.BOUND_BEYOND_LOOPBACK, Runnable::run);
        assertEquals(200, get(d, "127.0.0.2", null).status());
        assertEquals(200, get(d, "127.0.0.2", "Bearer wrong").status());
        assertEquals(0, limiter.size(), "nothing is counted on a loopback bind");
    }

    @Test
    void beyondLoopbackABearerSecretIsNeeded() {
        RouteDispatcher d = exposed();
        assertEquals(401, get(d, "127.0.0.2", null).status());
        assertEquals(401, get(d, "127.0.0.2", "Basic " + TOKEN).status());
        assertEquals(401, get(d, "127.0.0.2", "Bearer wrong").status());
        assertEquals(200, get(d, "127.0.0.2", "Bearer " + TOKEN).status());
        assertEquals(200, get(d, "127.0.0.2", "bearer " + TOKEN).status());
    }

    @Test
    void authModeNoneStaysOpen() {
        settings = settings("127.0.0.1", AuthMode.NONE, POLICY);
        assertEquals(200, get(exposed(), "127.0.0.2", null).status());
    }

    @Test
    void wrongSecretsLockTheAddressAndEvenTheRightOneGets429UntilTheLockoutEnds() {
        RouteDispatcher d = exposed();
        for (int i = 0; i < POLICY.maxAttempts(); i++) {
            assertEquals(401, get(d, "127.0.0.2", "Bearer wrong-" + i).status());
        }
        RouteDispatcher.AuthDecision locked = get(d, "127.0.0.2", "Bearer " + TOKEN);
        assertEquals(429, locked.status());
        assertEquals(POLICY.lockoutMs(), locked.retryAfterMs());
        assertEquals(300, locked.retryAfterSeconds());
        assertEquals(429, get(d, "127.0.0.2", "Bearer wrong").status());

        assertEquals(200, get(d, "127.0.0.3", "Bearer " + TOKEN).status(), "other addresses are unaffected");

        now.addAndGet(POLICY.lockoutMs());
        assertEquals(200, get(d, "127.0.0.2", "Bearer " + TOKEN).status(), "the lockout ends");
    }

    @Test
    void missingCredentialsAreNeverCounted() {
        RouteDispatcher d = exposed();
        for (int i = 0; i < 50; i++) {
            assertEquals(401, get(d, "127.0.0.2", null).status());
        }
        assertEquals(200, get(d, "127.0.0.2", "Bearer " + TOKEN).status());
    }

    @Test
    void webSocketAndHttpFailuresShareOneBudget() {
        AuthRateLimiter.Subject ws = limiter.subject("127.0.0.2", false, null);
        limiter.recordFailure(ws, CredentialClass.SHARED_SECRET);
        limiter.recordFailure(ws, CredentialClass.SHARED_SECRET);
        RouteDispatcher d = exposed();
        assertEquals(401, get(d, "127.0.0.2", "Bearer wrong").status());
        assertEquals(429, get(d, "127.0.0.2", "Bearer " + TOKEN).status());
        assertTrue(limiter.check(ws, CredentialClass.SHARED_SECRET).locked(), "the handshake sees the lockout");
    }

    @Test
    void aDirectLoopbackClientIsToldToRetryAfterItsDelayInsteadOfBeingLockedOut() {
        settings = settings("127.0.0.1", AuthMode.TOKEN, new AuthRateLimiter.Policy(3, 60_000, 300_000, true));
        RouteDispatcher d = exposed();
        for (int i = 0; i < 3; i++) {
            get(d, "127.0.0.1", "Bearer wrong");
        }
        RouteDispatcher.AuthDecision slowed = get(d, "127.0.0.1", "Bearer " + TOKEN);
        assertEquals(429, slowed.status());
        assertTrue(slowed.retryAfterMs() <= 5_000, "delayed, not locked: " + slowed);
    }
}
