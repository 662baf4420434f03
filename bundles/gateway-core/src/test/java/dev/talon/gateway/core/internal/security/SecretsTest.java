package dev.talon.gateway.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.config.AuthMode;
import dev.talon.gateway.core.internal.config.GatewaySettings;
import dev.talon.gateway.core.internal.protocol.Sanitize;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String SECRET = "s3cr3t-Tok3n_value";

    // SECURITY.md S-25 (secrets leaking to logs), S-15 (tokens in URLs).
    @Test
    void credentialFieldsQueryParametersAndAuthHeadersAreRedacted() {
        String[] texts = {
            "{\"type\":\"req\",\"params\":{\"auth\":{\"token\":\"" + SECRET + "\",\"password\" : \"" + SECRET + "\"}}}",
            "{\"deviceToken\":\"" + SECRET + "\",\"bootstrapToken\":\"a\\\"" + SECRET + "\"}",
            "GET /?gatewayUrl=ws://x&token=" + SECRET + "#token=" + SECRET,
            "Authorization: Bearer " + SECRET,
            "password=" + SECRET + " other=1",
        };
        for (String t : texts) {
            String r = Secrets.redact(t);
            assertFalse(r.contains(SECRET), r);
            assertTrue(r.contains(Secrets.REDACTED), r);
        }
        assertEquals(
                "{\"token\":\"[redacted]\",\"id\":\"c1\"}",
                Secrets.redact("{\"token\":\"" + SECRET + "\",\"id\":\"c1\"}"));
        assertEquals("a=1&token=[redacted]&b=2", Secrets.redact("a=1&token=" + SECRET + "&b=2"));
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        String t = "{\"method\":\"connect\",\"tokenCount\":3,\"client\":{\"id\":\"cli\"}}";
        assertEquals(t, Secrets.redact(t));
        assertNull(Secrets.redact(null));
    }

    @Test
    void knownSecretValuesAreRedactedWhereverTheyAppear() {
        String r = Secrets.redact("failed to use " + SECRET + " as a port", List.of(SECRET, ""));
        assertEquals("failed to use [redacted] as a port", r);
    }

    // SECURITY.md S-24 (log injection through CR/LF, ANSI escapes, Unicode separators, bidi overrides).
    @Test
    void logTextCannotForgeLinesOrHideContent() {
        String ua = "x\r\n[gateway] fake line\u001b[31mred\u2028next\u2029para\u202egnp.exe\u0085nel";
        String safe = Secrets.forLog(ua);
        for (char ch : new char[] {'\r', '\n', '\u001b', '\u2028', '\u2029', '\u202e', '\u0085'}) {
            assertEquals(-1, safe.indexOf(ch), "char " + Integer.toHexString(ch) + " in " + safe);
        }
        assertTrue(safe.startsWith("x??[gateway] fake line?[31mred?next?para?gnp.exe?nel"), safe);
        assertEquals(203, Sanitize.forLog("a".repeat(500)).length(), "bounded: 200 chars and an ellipsis");
        assertEquals("null", Sanitize.forLog(null));
    }

    // SECURITY.md S-25: the settings' log line never carries the secrets.
    @Test
    void gatewaySettingsToStringNeverContainsTheSecrets() {
        GatewaySettings s =
                new GatewaySettings("127.0.0.1", 18789, AuthMode.TOKEN, SECRET, SECRET + "pw", 30_000, 10, 1_000);
        assertFalse(s.toString().contains(SECRET), s.toString());
        assertTrue(s.toString().contains("maxPreauthPerIp=32"), s.toString());
    }
}
