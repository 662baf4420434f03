package dev.talon.gateway.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.config.AuthMode;
import dev.talon.gateway.core.internal.config.GatewaySettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static GatewaySettings settings(AuthMode mode, String token, String password) {
        return new GatewaySettings("127.0.0.1", 1, mode, token, password, 30_000, 10, 1_000);
    }

    private static ConnectRequest request(String clientId, String token, String password) {
        return new ConnectRequest(
                4, 4, clientId, clientId, "1", "linux", null, null, "operator", List.of(), token, password, null, null);
    }

    @Test
    void theSecretIsAcceptedInEitherWireField() {
        GatewaySettings s = settings(AuthMode.TOKEN, "s3cret", null);
        assertEquals("token", Authenticator.authenticate(s, request("cli", "s3cret", null), true));
        assertEquals("token", Authenticator.authenticate(s, request("cli", null, "s3cret"), true));
        assertEquals(
                "password",
                Authenticator.authenticate(settings(AuthMode.PASSWORD, null, "pw"), request("cli", "pw", null), true));
    }

    @Test
    void modeNoneNeedsNoSecret() {
        assertEquals(
                "none",
                Authenticator.authenticate(settings(AuthMode.NONE, null, null), request("cli", null, null), true));
    }

    @Test
    void aWrongTokenIsAMismatchWithTheProtocolsDetails() {
        GatewayException e = assertThrows(
                GatewayException.class,
                () -> Authenticator.authenticate(
                        settings(AuthMode.TOKEN, "s3cret", null), request("cli", "wrong", null), true));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith("unauthorized: gateway token mismatch ("), e.getMessage());
        Map<?, ?> d = (Map<?, ?>) e.details();
        assertEquals("AUTH_TOKEN_MISMATCH", d.get("code"));
        assertEquals("token_mismatch", d.get("authReason"));
        assertEquals("update_auth_credentials", d.get("recommendedNextStep"));
    }

    @Test
    void missingAndUnconfiguredSecretsHaveTheirOwnCodes() {
        GatewayException missing = assertThrows(
                GatewayException.class,
                () -> Authenticator.authenticate(
                        settings(AuthMode.TOKEN, "s3cret", null), request("test", null, null), false));
        assertEquals("AUTH_TOKEN_MISSING", ((Map<?, ?>) missing.details()).get("code"));
        assertTrue(missing.getMessage().contains("provide gateway auth token"));
        GatewayException unconfigured = assertThrows(
                GatewayException.class,
                () -> Authenticator.authenticate(
                        settings(AuthMode.PASSWORD, null, null), request("cli", "x", null), true));
        assertEquals("AUTH_PASSWORD_NOT_CONFIGURED", ((Map<?, ?>) unconfigured.details()).get("code"));
        assertEquals(
                "unauthorized: gateway password not configured on gateway (set gateway.auth.password)",
                unconfigured.getMessage());
    }

    @Test
    void theComparisonIsExact() {
        assertTrue(Authenticator.matches("abc", "abc"));
        assertEquals(false, Authenticator.matches("abc", "abcd"));
        assertEquals(false, Authenticator.matches("abc", "ABC"));
        assertEquals(false, Authenticator.matches("abc", null));
    }
}
