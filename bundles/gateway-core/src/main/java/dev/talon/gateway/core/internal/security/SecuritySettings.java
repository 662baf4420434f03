package dev.talon.gateway.core.internal.security;

import java.util.Objects;

/**
 * The validated hardening settings, part of {@code GatewaySettings} and swapped with it.
 *
 * @param rateLimit {@code gateway.auth.rateLimit.*}
 * @param origins {@code gateway.controlUi.allowedOrigins}, as a ready policy
 * @param trustedProxies {@code gateway.trustedProxies}
 * @param maxPreauthPerIp {@code gateway.maxPreauthPerIp} (env {@code OPENCLAW_MAX_PREAUTH_CONNECTIONS_PER_IP})
 */
public record SecuritySettings(
        AuthRateLimiter.Policy rateLimit, OriginPolicy origins, AddressSet trustedProxies, int maxPreauthPerIp) {
    /** Default sockets per client address before hello-ok (protocol §1.1.2). */
    public static final int DEFAULT_MAX_PREAUTH_PER_IP = 32;

    public static final SecuritySettings DEFAULTS = new SecuritySettings(
            AuthRateLimiter.Policy.DEFAULTS, OriginPolicy.DEFAULT, AddressSet.NONE, DEFAULT_MAX_PREAUTH_PER_IP);

    /** @throws IllegalArgumentException naming {@code gateway.maxPreauthPerIp} when out of range */
    public SecuritySettings {
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(origins, "origins");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (maxPreauthPerIp < 1 || maxPreauthPerIp > 10_000) {
            throw new IllegalArgumentException(
                    "gateway.maxPreauthPerIp: must be between 1 and 10000, not " + maxPreauthPerIp);
        }
    }

    /**
     * Validates raw configuration values.
     *
     * @throws IllegalArgumentException naming the offending key (with the array index for list entries)
     */
    public static SecuritySettings of(
            int maxAttempts,
            long windowMs,
            long lockoutMs,
            boolean exemptLoopback,
            String[] allowedOrigins,
            String[] trustedProxies,
            int maxPreauthPerIp) {
        return new SecuritySettings(
                new AuthRateLimiter.Policy(maxAttempts, windowMs, lockoutMs, exemptLoopback),
                OriginPolicy.parse("gateway.controlUi.allowedOrigins", allowedOrigins),
                AddressSet.parse("gateway.trustedProxies", trustedProxies),
                maxPreauthPerIp);
    }
}
