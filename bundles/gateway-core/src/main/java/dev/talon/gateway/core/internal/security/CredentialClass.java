package dev.talon.gateway.core.internal.security;

import dev.talon.gateway.api.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credential families whose failures {@link AuthRateLimiter} counts separately (protocol §2.1), and the
 * mapping from handshake outcomes to them.
 */
public enum CredentialClass {
    SHARED_SECRET("shared-secret"),
    DEVICE_TOKEN("device-token"),
    BOOTSTRAP_TOKEN("bootstrap-token");

    /** Internal auth-failure reasons (protocol §1.3.3) that are wrong guesses, by the class they count against. */
    private static final Map<String, CredentialClass> WRONG_GUESSES = Map.of(
            "token_mismatch", SHARED_SECRET,
            "password_mismatch", SHARED_SECRET,
            "device_token_mismatch", DEVICE_TOKEN,
            "bootstrap_token_invalid", BOOTSTRAP_TOKEN);
    /** {@code hello-ok.auth.method} values, by the class whose counter a success clears. */
    private static final Map<String, CredentialClass> METHODS = Map.of(
            "token", SHARED_SECRET,
            "password", SHARED_SECRET,
            "device-token", DEVICE_TOKEN,
            "bootstrap-token", BOOTSTRAP_TOKEN);

    private final String wire;

    CredentialClass(String wire) {
        this.wire = wire;
    }

    public String wireName() {
        return wire;
    }

    /**
     * The class an internal auth-failure reason counts against; null when it is not a wrong guess (a missing
     * credential, a scope mismatch, ...) and must not be recorded (SECURITY.md S-12(e)).
     */
    public static CredentialClass ofReason(String authReason) {
        return authReason == null ? null : WRONG_GUESSES.get(authReason);
    }

    /** {@link #ofReason} of a handshake failure's {@code details.authReason}; null for any other failure. */
    public static CredentialClass ofFailure(GatewayException e) {
        Object reason = e.details() instanceof Map<?, ?> d ? d.get("authReason") : null;
        return reason instanceof String r ? ofReason(r) : null;
    }

    /** The class whose counter a success with {@code hello-ok.auth.method} clears; null for {@code none}. */
    public static CredentialClass ofMethod(String authMethod) {
        return authMethod == null ? null : METHODS.get(authMethod);
    }

    /**
     * The classes a connect presents credentials for, to check before evaluating them; none when it presents
     * nothing.
     *
     * @param sharedSecret {@code auth.token} or {@code auth.password} present
     * @param deviceToken {@code auth.deviceToken} present, or {@code auth.token} with a device (tried as one)
     * @param bootstrapToken {@code auth.bootstrapToken} present
     */
    public static CredentialClass[] presented(boolean sharedSecret, boolean deviceToken, boolean bootstrapToken) {
        List<CredentialClass> l = new ArrayList<>(3);
        if (sharedSecret) {
            l.add(SHARED_SECRET);
        }
        if (deviceToken) {
            l.add(DEVICE_TOKEN);
        }
        if (bootstrapToken) {
            l.add(BOOTSTRAP_TOKEN);
        }
        return l.toArray(new CredentialClass[0]);
    }
}
