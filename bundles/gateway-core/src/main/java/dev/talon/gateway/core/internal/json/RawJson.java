package dev.talon.gateway.core.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A payload that is already JSON text, written into frames verbatim. Core-internal: only for values the
 * core serialized itself (e.g. the cached health snapshot), never for text from outside. Holds the text and its
 * UTF-8 bytes, so a response frame is assembled by copying bytes ({@code Frames.okUtf8}) instead of building and
 * encoding a string per send. Immutable.
 */
public final class RawJson {
    private final String json;
    private final byte[] utf8;

    /** @param json a complete, valid JSON value */
    public RawJson(String json) {
        this.json = Objects.requireNonNull(json, "json");
        this.utf8 = json.getBytes(StandardCharsets.UTF_8);
    }

    /** Serializes {@code value} once, for repeated use. */
    public static RawJson of(Object value) {
        return new RawJson(Json.write(value));
    }

    public String json() {
        return json;
    }

    /** The UTF-8 length of {@link #json}. */
    public int utf8Length() {
        return utf8.length;
    }

    /** Copies the UTF-8 bytes into {@code out} at {@code pos}; returns the position after them. */
    public int copyUtf8(byte[] out, int pos) {
        System.arraycopy(utf8, 0, out, pos, utf8.length);
        return pos + utf8.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson r && r.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "RawJson[" + json + "]";
    }
}
