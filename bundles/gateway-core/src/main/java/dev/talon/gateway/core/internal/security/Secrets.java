package dev.talon.gateway.core.internal.security;

import dev.talon.gateway.core.internal.protocol.Sanitize;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of log lines and error texts (SECURITY.md S-15, S-24, S-25). Stateless.
 *
 * <pre>{@code
 * LOG.debug("Connect refused: {}", Secrets.forLog(text));
 * }</pre>
 */
public final class Secrets {
    /** What a redacted value is replaced with. */
    public static final String REDACTED = "[redacted]";

    private static final String NAMES = "token|password|passwd|secret|deviceToken|bootstrapToken|apiKey|api_key"
            + "|access_token|refresh_token|authorization";
    /** {@code "token": "…"} in JSON (the value may contain escaped quotes). */
    private static final Pattern JSON_FIELD =
            Pattern.compile("(?i)(\"(?:" + NAMES + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    /** {@code token=…} in URLs, fragments and key=value text. */
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)((?:^|[?&#;\\s,])(?:" + NAMES + ")=)[^&#;\\s,]+");
    /** {@code Bearer …} and {@code Basic …} credentials in header text. */
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+");

    private Secrets() {}

    /** {@code text} with values of credential-named fields, query parameters and auth headers redacted. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = JSON_FIELD.matcher(text).replaceAll("$1\"" + REDACTED + "\"");
        s = KEY_VALUE.matcher(s).replaceAll("$1" + REDACTED);
        return AUTH_SCHEME.matcher(s).replaceAll("$1 " + REDACTED);
    }

    /** {@code text} with every occurrence of the known secret values (blank ones ignored) redacted as well. */
    public static String redact(String text, Collection<String> known) {
        String s = redact(text);
        if (s == null || known == null) {
            return s;
        }
        for (String secret : known) {
            if (secret != null && !secret.isBlank()) {
                s = s.replace(secret, REDACTED);
            }
        }
        return s;
    }

    /** Redacted, then made safe for one log line by {@link Sanitize#forLog}. */
    public static String forLog(String text) {
        return Sanitize.forLog(redact(text));
    }
}
