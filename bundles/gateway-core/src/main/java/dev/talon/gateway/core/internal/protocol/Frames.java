package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.json.JsonWriter;
import dev.talon.gateway.core.internal.json.RawJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the JSON text of outbound frames. Stateless, thread-safe. */
public final class Frames {
    private Frames() {}

    /** {@code {"type":"res","id":…,"ok":true,"payload":…}}; the payload is omitted when null. */
    public static String ok(String id, Object payload) {
        StringBuilder b = new StringBuilder(
                        payload instanceof RawJson raw ? raw.json().length() + 64 : 128)
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
