package dev.talon.gateway.core.internal.protocol;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks of the closed {@code RequestFrame} shape (protocol §1.2.1), hand-written because it runs on every
 * request: {@code type:"req"}, non-empty string {@code id} and {@code method}, optional {@code params},
 * {@code traceparent} (≤128 chars) and {@code expectedProfileId} (1..128 chars), nothing else.
 */
public final class RequestFrames {
    private static final Set<String> ALLOWED =
            Set.of("type", "id", "method", "params", "traceparent", "expectedProfileId");

    private RequestFrames() {}

    /** The frame's {@code id} when it is a non-empty string, else null. */
    public static String validId(JsonNode frame) {
        JsonNode id = frame.isObject() ? frame.get("id") : null;
        return id != null && id.isString() && !id.stringValue().isEmpty() ? id.stringValue() : null;
    }

    /** A description of what is wrong with the frame, or null when it is a valid request frame. */
    public static String problems(JsonNode frame) {
        if (!frame.isObject()) {
            return "frame must be an object";
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isString() || !"req".equals(type.stringValue())) {
            return "type must be \"req\"";
        }
        if (validId(frame) == null) {
            return "id must be a non-empty string";
        }
        JsonNode method = frame.get("method");
        if (method == null || !method.isString() || method.stringValue().isEmpty()) {
            return "method must be a non-empty string";
        }
        for (String name : frame.propertyNames()) {
            if (!ALLOWED.contains(name)) {
                return "unexpected property '" + Sanitize.forLog(name) + "'";
            }
        }
        return optionalString(frame, "traceparent", 0) != null
                ? optionalString(frame, "traceparent", 0)
                : optionalString(frame, "expectedProfileId", 1);
    }

    private static String optionalString(JsonNode frame, String field, int minLength) {
        JsonNode v = frame.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isString() || v.stringValue().length() > 128 || v.stringValue().length() < minLength) {
            return field + " must be a string of " + minLength + " to 128 characters";
        }
        return null;
    }
}
