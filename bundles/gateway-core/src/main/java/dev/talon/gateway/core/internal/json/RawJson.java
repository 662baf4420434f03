package dev.talon.gateway.core.internal.json;

import java.util.Objects;

/**
 * A payload that is already JSON text, written into frames verbatim. Core-internal: only for values the
 * core serialized itself (e.g. the cached health snapshot), never for text from outside.
 *
 * @param json a complete, valid JSON value
 */
public record RawJson(String json) {
    public RawJson {
        Objects.requireNonNull(json, "json");
    }

    /** Serializes {@code value} once, for repeated use. */
    public static RawJson of(Object value) {
        return new RawJson(Json.write(value));
    }
}
