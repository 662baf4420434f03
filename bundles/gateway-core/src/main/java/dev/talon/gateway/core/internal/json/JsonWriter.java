package dev.talon.gateway.core.internal.json;

import dev.talon.gateway.api.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Writes the values frames are made of (strings, integers, booleans, maps with string keys, collections,
 * {@link JsonValue} and Jackson trees) straight into a {@link StringBuilder}, with the same text Jackson's
 * {@link Json#WIRE} mapper produces. Anything else (records, doubles, enums, …) is handed to the mapper.
 *
 * <p>Why: a {@code writeValueAsString} call costs a generator, a serialization context and serializer
 * lookups, which dominated small frames ({@code "id"} quoting, {@code {"ok":true}}). Stateless, thread-safe.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Per ASCII char: 0 written as is, 'u' as {@code \\u00XX}, else the char after the backslash. */
    private static final char[] ESCAPES = new char[128];

    static {
        for (int i = 0; i < 0x20; i++) {
            ESCAPES[i] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private JsonWriter() {}

    /** The JSON text of {@code value}. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder(64);
        write(b, value);
        return b.toString();
    }

    /** Appends the JSON text of {@code value} to {@code b}. */
    public static void write(StringBuilder b, Object value) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof String s) {
            quote(b, s);
        } else if (value instanceof Boolean v) {
            b.append(v.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            b.append(value);
        } else if (value instanceof RawJson raw) {
            b.append(raw.json());
        } else if (value instanceof JsonValue v) {
            writeValue(b, v);
        } else if (value instanceof JsonNode n) {
            writeNode(b, n);
        } else if (value instanceof Map<?, ?> m && stringKeys(m)) {
            writeMap(b, m);
        } else if (value instanceof Collection<?> c) {
            writeCollection(b, c);
        } else {
            b.append(Json.WIRE.writeValueAsString(value));
        }
    }

    /** Appends {@code s} as a JSON string literal, escaped as Jackson does (control chars, quote, backslash). */
    public static void quote(StringBuilder b, String s) {
        b.append('"');
        int len = s.length();
        int start = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 128 && ESCAPES[c] != 0) {
                b.append(s, start, i).append('\\');
                char e = ESCAPES[c];
                if (e == 'u') {
                    b.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    b.append(e);
                }
                start = i + 1;
            }
        }
        b.append(s, start, len).append('"');
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static void writeMap(StringBuilder b, Map<?, ?> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(b, (String) e.getKey());
            b.append(':');
            write(b, e.getValue());
        }
        b.append('}');
    }

    private static void writeCollection(StringBuilder b, Collection<?> c) {
        b.append('[');
        boolean first = true;
        for (Object item : c) {
            if (!first) {
                b.append(',');
            }
            first = false;
            write(b, item);
        }
        b.append(']');
    }

    private static void writeValue(StringBuilder b, JsonValue v) {
        if (v instanceof JsonValue.JsonObject o) {
            writeMap(b, o.members());
        } else if (v instanceof JsonValue.JsonArray a) {
            writeCollection(b, a.items());
        } else if (v instanceof JsonValue.JsonString s) {
            quote(b, s.value());
        } else if (v instanceof JsonValue.JsonNumber n) {
            b.append(n.value());
        } else if (v instanceof JsonValue.JsonBoolean bool) {
            b.append(bool.value());
        } else {
            b.append("null");
        }
    }

    private static void writeNode(StringBuilder b, JsonNode n) {
        if (n.isObject()) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                quote(b, e.getKey());
                b.append(':');
                writeNode(b, e.getValue());
            }
            b.append('}');
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                writeNode(b, n.get(i));
            }
            b.append(']');
        } else if (n.isString()) {
            quote(b, n.stringValue());
        } else if (n.isInt() || n.isLong() || n.isShort()) {
            b.append(n.longValue());
        } else if (n.isBigInteger()) {
            b.append(n.bigIntegerValue());
        } else if (n.isBigDecimal()) {
            BigDecimal d = n.decimalValue();
            b.append(d);
        } else if (n.isBoolean()) {
            b.append(n.booleanValue());
        } else if (n.isNull()) {
            b.append("null");
        } else {
            b.append(Json.WIRE.writeValueAsString(n)); // doubles, floats, binary, POJO nodes: as Jackson does
        }
    }
}
