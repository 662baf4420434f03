package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.config.AuthMode;
import dev.talon.gateway.core.internal.config.GatewaySettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shared-secret authentication of a {@code connect} (protocol §2.1). The configured secret is compared
 * against both {@code auth.token} and {@code auth.password} in constant time. Failures carry the protocol's
 * exact messages and {@code details} (§1.3.3). Stateless.
 */
public final class Authenticator {
    /** Internal auth-failure reason to {@code details.code} (protocol §1.3.3). */
    private static final Map<String, String> DETAIL_CODES = Map.of(
            "token_missing", "AUTH_TOKEN_MISSING",
            "token_mismatch", "AUTH_TOKEN_MISMATCH",
            "token_missing_config", "AUTH_TOKEN_NOT_CONFIGURED",
            "password_missing", "AUTH_PASSWORD_MISSING",
            "password_mismatch", "AUTH_PASSWORD_MISMATCH",
            "password_missing_config", "AUTH_PASSWORD_NOT_CONFIGURED");

    private Authenticator() {}

    /**
     * @return the {@code hello-ok.auth.method} on success
     * @throws GatewayException {@code INVALID_REQUEST} with the auth-failure details on failure
     */
    public static String authenticate(GatewaySettings s, ConnectRequest r, boolean loopback) {
        if (s.authMode() == AuthMode.NONE) {
            return "none";
        }
        String kind = s.authMode() == AuthMode.TOKEN ? "token" : "password";
        String configured = s.secret();
        if (configured == null) {
            throw failure(
                    kind + "_missing_config",
                    "unauthorized: gateway " + kind + " not configured on gateway (set gateway.auth." + kind + ")",
                    r);
        }
        if (r.token() == null && r.password() == null) {
            throw failure(
                    kind + "_missing",
                    "unauthorized: gateway " + kind + " missing (" + hint(kind, r, loopback) + ")",
                    r);
        }
        if (matches(configured, r.token()) || matches(configured, r.password())) {
            return kind;
        }
        throw failure(
                kind + "_mismatch", "unauthorized: gateway " + kind + " mismatch (" + hint(kind, r, loopback) + ")", r);
    }

    private static GatewayException failure(String reason, String message, ConnectRequest r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", detailCode(reason));
        d.put("authReason", reason);
        boolean retryWithDeviceToken =
                reason.equals("token_mismatch") && r.deviceId() != null && r.token() != null && r.deviceToken() == null;
        d.put("canRetryWithDeviceToken", retryWithDeviceToken);
        d.put(
                "recommendedNextStep",
                retryWithDeviceToken
                        ? "retry_with_device_token"
                        : reason.endsWith("_mismatch") ? "update_auth_credentials" : "update_auth_configuration");
        return new GatewayException(ErrorCode.INVALID_REQUEST, message, d, null, null);
    }

    private static String detailCode(String reason) {
        return DETAIL_CODES.getOrDefault(reason, "AUTH_UNAUTHORIZED");
    }

    private static String hint(String kind, ConnectRequest r, boolean loopback) {
        boolean ui = "openclaw-control-ui".equals(r.clientId())
                || "webchat".equals(r.clientMode())
                || "webchat-ui".equals(r.clientId());
        if (ui) {
            return "open the dashboard URL and paste the " + kind + " in Control UI settings";
        }
        if ("cli".equals(r.clientId())) {
            return loopback
                    ? "use this gateway's gateway.auth." + kind + " or pair the device"
                    : "set gateway.remote." + kind + " to match gateway.auth." + kind;
        }
        return "provide gateway auth " + kind;
    }

    /** Constant-time comparison that does not leak the secret's length. */
    public static boolean matches(String configured, String presented) {
        return presented != null && MessageDigest.isEqual(sha256(configured), sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
