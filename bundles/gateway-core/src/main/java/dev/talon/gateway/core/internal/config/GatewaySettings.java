package dev.talon.gateway.core.internal.config;

import dev.talon.gateway.core.internal.security.SecuritySettings;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The validated, immutable settings the server runs with; swapped in one assignment on reconfiguration.
 *
 * @param host listen host
 * @param port listen port
 * @param authMode shared-secret mode
 * @param token configured token, or null
 * @param password configured password, or null
 * @param tickIntervalMs tick cadence, advertised in {@code policy.tickIntervalMs}
 * @param maxConnections concurrent WebSocket connection limit
 * @param handlerTimeoutMs per-call handler deadline
 * @param security rate limiting, browser origins, trusted proxies and pre-auth admission
 */
public record GatewaySettings(
        String host,
        int port,
        AuthMode authMode,
        String token,
        String password,
        long tickIntervalMs,
        int maxConnections,
        long handlerTimeoutMs,
        SecuritySettings security) {

    /** Settings with the default {@link SecuritySettings} (tests and callers that predate them). */
    public GatewaySettings(
            String host,
            int port,
            AuthMode authMode,
            String token,
            String password,
            long tickIntervalMs,
            int maxConnections,
            long handlerTimeoutMs) {
        this(
                host,
                port,
                authMode,
                token,
                password,
                tickIntervalMs,
                maxConnections,
                handlerTimeoutMs,
                SecuritySettings.DEFAULTS);
    }

    /** Validates and normalizes a configuration. @throws IllegalArgumentException naming the bad key */
    public static GatewaySettings from(GatewayConfig c) {
        String host = c.host().trim();
        requireRange("gateway.port", c.port(), 1, 65535);
        requireRange("gateway.heartbeat", c.heartbeat(), 1000, 30_000);
        requireRange("gateway.maxConnections", c.maxConnections(), 1, 100_000);
        requireRange("gateway.handlerTimeoutMs", c.handlerTimeoutMs(), 100, 600_000);
        AuthMode mode = AuthMode.parse(c.auth_mode());
        if (mode == AuthMode.NONE && !isLoopback(host)) {
            throw new IllegalArgumentException("gateway.auth.mode: 'none' is refused on the non-loopback bind '" + host
                    + "'; use token or password");
        }
        SecuritySettings security = SecuritySettings.of(
                c.auth_rateLimit_maxAttempts(),
                c.auth_rateLimit_windowMs(),
                c.auth_rateLimit_lockoutMs(),
                c.auth_rateLimit_exemptLoopback(),
                c.controlUi_allowedOrigins(),
                c.trustedProxies(),
                c.maxPreauthPerIp());
        return new GatewaySettings(
                host,
                c.port(),
                mode,
                blankToNull(c.auth_token()),
                blankToNull(c.auth_password()),
                c.heartbeat(),
                c.maxConnections(),
                c.handlerTimeoutMs(),
                security);
    }

    /** The configured secret for the active mode, or null when none is configured. */
    public String secret() {
        return authMode == AuthMode.PASSWORD ? password : authMode == AuthMode.TOKEN ? token : null;
    }

    /** Whether a change from {@code previous} requires re-binding the listener. */
    public boolean listenerDiffers(GatewaySettings previous) {
        return previous == null || !host.equals(previous.host) || port != previous.port;
    }

    /** Whether a change from {@code previous} invalidates shared-secret sessions. */
    public boolean authDiffers(GatewaySettings previous) {
        return previous != null
                && (authMode != previous.authMode || !java.util.Objects.equals(secret(), previous.secret()));
    }

    @Override
    public String toString() {
        return "GatewaySettings[host=" + host + ", port=" + port + ", authMode=" + authMode.wireName()
                + ", tickIntervalMs=" + tickIntervalMs + ", maxConnections=" + maxConnections
                + ", handlerTimeoutMs=" + handlerTimeoutMs + ", rateLimit=" + security.rateLimit()
                + ", allowedOrigins=" + security.origins() + ", trustedProxies=" + security.trustedProxies()
                + ", maxPreauthPerIp=" + security.maxPreauthPerIp() + "]";
    }

    /** Whether {@code host} names only loopback addresses (no DNS lookup for non-literals but localhost). */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(h)) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void requireRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
