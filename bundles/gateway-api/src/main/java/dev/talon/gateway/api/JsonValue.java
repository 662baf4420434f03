package dev.talon.gateway.api;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An immutable JSON tree: how request parameters reach a {@link MethodHandler}.
 *
 * <p>Handlers may also return these values as response payloads. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * JsonObject p = call.paramsObject();
 * String text = p.string("text").orElseThrow(() -> GatewayException.invalidRequest("text required"));
 * boolean wake = p.bool("wake").orElse(false);
 * }</pre>
 */
public sealed interface JsonValue
        permits JsonValue.JsonObject,
                JsonValue.JsonArray,
                JsonValue.JsonString,
                JsonValue.JsonNumber,
                JsonValue.JsonBoolean,
                JsonValue.JsonNull {

    /** The JSON {@code null} literal. */
    JsonNull NULL = new JsonNull();

    /** An empty object. */
    JsonObject EMPTY_OBJECT = new JsonObject(Map.of());

    /** The JSON type name of this value: object, array, string, number, boolean or null. */
    String type();

    /** A JSON object; iteration order is the order of the members on the wire. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public String type() {
            return "object";
        }

        /** The member {@code key}, or empty when absent. */
        public Optional<JsonValue> get(String key) {
            return Optional.ofNullable(members.get(key));
        }

        /** The member {@code key} when it is a string. */
        public Optional<String> string(String key) {
            return get(key).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value());
        }

        /** The member {@code key} when it is a boolean. */
        public Optional<Boolean> bool(String key) {
            return get(key).filter(JsonBoolean.class::isInstance).map(v -> ((JsonBoolean) v).value());
        }

        /** The member {@code key} when it is an integral number that fits a long. */
        public OptionalLong integer(String key) {
            Optional<JsonValue> v = get(key).filter(JsonNumber.class::isInstance);
            if (v.isEmpty()) {
                return OptionalLong.empty();
            }
            BigDecimal n = ((JsonNumber) v.get()).value();
            try {
                return OptionalLong.of(n.longValueExact());
            } catch (ArithmeticException notIntegral) {
                return OptionalLong.empty();
            }
        }
    }

    /** A JSON array. */
    record JsonArray(List<JsonValue> items) implements JsonValue {
        public JsonArray {
            items = List.copyOf(items);
        }

        @Override
        public String type() {
            return "array";
        }
    }

    /** A JSON string. */
    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "string";
        }
    }

    /** A JSON number, held exactly. */
    record JsonNumber(BigDecimal value) implements JsonValue {
        public JsonNumber {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "number";
        }
    }

    /** A JSON boolean. */
    record JsonBoolean(boolean value) implements JsonValue {
        @Override
        public String type() {
            return "boolean";
        }
    }

    /** The JSON null literal; use {@link JsonValue#NULL}. */
    record JsonNull() implements JsonValue {
        @Override
        public String type() {
            return "null";
        }
    }
}
