package dev.talon.gateway.core.internal.config;

import java.util.Locale;

/** Shared-secret modes of {@code gateway.auth.mode}; the wire name is the lower-case constant name. */
public enum AuthMode {
    NONE,
    TOKEN,
    PASSWORD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the key when {@code value} is not a mode */
    public static AuthMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "gateway.auth.mode: must be none, token or password, not '" + value + "'");
        }
    }
}
