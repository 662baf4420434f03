package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.json.JsonWriter;
import dev.talon.gateway.core.internal.json.RawJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the JSON text of outbound frames. Stateless, thread-safe. */
public final class Frames {
    private Frames() {}

    private static final byte[] OK_HEAD = ascii("{\"type\":\"res\",\"id\":\"");
    private static final byte[] OK_PAYLOAD = ascii("\",\"ok\":true,\"payload\":");

    /**
     * {@link #ok(String, Object)} as UTF-8 bytes, assembled in one array of the exact size: the common response (a
     * plain ASCII id, a serialized payload) then costs one allocation instead of a builder, a string and the
     * string's encoding. Ids that need escaping, and a null payload, take the text path.
     */
    public static byte[] okUtf8(String id, RawJson payload) {
        int n = id.length();
        if (payload == null || !plainAscii(id)) {
            return ok(id, payload).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] out = new byte[OK_HEAD.length + n + OK_PAYLOAD.length + payload.utf8Length() + 1];
        System.arraycopy(OK_HEAD, 0, out, 0, OK_HEAD.length);
        int pos = OK_HEAD.length;
        for (int i = 0; i < n; i++) {
            out[pos++] = (byte) id.charAt(i);
        }
        System.arraycopy(OK_PAYLOAD, 0, out, pos, OK_PAYLOAD.length);
        pos = payload.copyUtf8(out, pos + OK_PAYLOAD.length);
        out[pos] = '}';
        return out;
    }

    /** Printable ASCII without {@code "} or {@code \}: written inside quotes as it is. */
    private static boolean plainAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** {@code {"type":"res","id":…,"ok":true,"payload":…}}; the payload is omitted when null. */
    public static String ok(String id, Object payload) {
        StringBuilder b = new StringBuilder(payload instanceof RawJson raw ? raw.utf8Length() + 64 : 128)
                .append("{\"type\":\"res\",\"id\":");
        JsonWriter.quote(b, id);
        b.append(",\"ok\":true");
        if (payload != null) {
            b.append(",\"payload\":");
            JsonWriter.write(b, payload);
        }
        return b.append('}').toString();
    }

    /** {@code {"type":"res","id":…,"ok":false,"error":{ErrorShape}}}. */
    public static String error(String id, GatewayException e) {
        StringBuilder b = new StringBuilder(160).append("{\"type\":\"res\",\"id\":");
        JsonWriter.quote(b, id);
        b.append(",\"ok\":false,\"error\":");
        JsonWriter.write(b, errorShape(e));
        return b.append('}').toString();
    }

    /** The protocol's ErrorShape for {@code e}. */
    public static Map<String, Object> errorShape(GatewayException e) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("code", e.code().name());
        shape.put("message", e.getMessage());
        if (e.details() != null) {
            shape.put("details", e.details());
        }
        if (e.retryable() != null) {
            shape.put("retryable", e.retryable());
        }
        if (e.retryAfterMs() != null) {
            shape.put("retryAfterMs", e.retryAfterMs());
        }
        return shape;
    }

    /**
     * The head of an event frame, everything but the closing brace, so that a per-connection
     * {@code ,"seq":N} can be appended: {@code {"type":"event","event":…,"payload":…[,"stateVersion":…]}.
     */
    public static String eventHead(String event, Object payload, Object stateVersion) {
        StringBuilder b = new StringBuilder(128).append("{\"type\":\"event\",\"event\":");
        JsonWriter.quote(b, event);
        if (payload != null) {
            b.append(",\"payload\":");
            JsonWriter.write(b, payload);
        }
        if (stateVersion != null) {
            b.append(",\"stateVersion\":");
            JsonWriter.write(b, stateVersion);
        }
        return b.toString();
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        JsonWriter.quote(b, s);
        return b.toString();
    }
}
