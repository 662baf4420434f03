package dev.talon.gateway.core.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A payload that is already JSON text, written into frames verbatim. Core-internal: only for values the
 * core serialized itself (e.g. the cached health snapshot), never for text from outside. Holds the UTF-8 bytes only:
 * a response frame is assembled by copying them ({@code Frames.okUtf8}), and results kept for idempotent replays
 * take no more memory than their encoding. Immutable.
 */
public final class RawJson {
    private final byte[] utf8;

    /** @param json a complete, valid JSON value */
    public RawJson(String json) {
        this.utf8 = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
    }

    /** Serializes {@code value} once, for repeated use. */
    public static RawJson of(Object value) {
        return new RawJson(Json.write(value));
    }

    /** The JSON text (decoded on each call: the frame paths use the bytes). */
    public String json() {
        return new String(utf8, StandardCharsets.UTF_8);
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
        return o instanceof RawJson r && java.util.Arrays.equals(r.utf8, utf8);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return "RawJson[" + json() + "]";
    }
}
