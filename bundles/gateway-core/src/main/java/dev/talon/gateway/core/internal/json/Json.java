package dev.talon.gateway.core.internal.json;

import dev.talon.gateway.api.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The core's single JSON binding point: Jackson mappers and the conversion between Jackson trees and the
 * API's {@link JsonValue}. Thread-safe.
 */
public final class Json {

    /** Strict mapper for wire frames; serializes {@link JsonValue} payloads. */
    public static final JsonMapper WIRE = JsonMapper.builder()
            .addModule(new SimpleModule("talon-json").addSerializer(JsonValue.class, new JsonValueSerializer()))
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Lenient mapper for human-edited files: comments, trailing commas, single quotes, unquoted names. */
    public static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(
                    JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads exactly one JSON value: unlike {@link #parse}, text after it is an error. */
    private static final ObjectReader ONE_VALUE = WIRE.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /**
     * Parses a wire frame. @throws JacksonException when the text is not JSON, including a number Jackson cannot
     * represent (an exponent like {@code 1e99999999999} makes it throw {@link NumberFormatException}, which callers
     * would otherwise not expect from a parse)
     */
    public static JsonNode parse(String text) {
        try {
            return WIRE.readTree(text);
        } catch (NumberFormatException e) {
            throw new StreamReadException(null, "number out of range: " + e.getMessage(), e);
        }
    }

    /** Parses {@code text} that must be one JSON value and nothing else (a value cut out of a larger frame). */
    public static JsonNode parseValue(String text) {
        try {
            return ONE_VALUE.readTree(text);
        } catch (NumberFormatException e) {
            throw new StreamReadException(null, "number out of range: " + e.getMessage(), e);
        }
    }

    /**
     * Serializes a payload (JsonValue, JsonNode, map, list, record or scalar) to JSON text, the same text as
     * {@code WIRE.writeValueAsString}; the common frame values are written without Jackson ({@link JsonWriter}).
     */
    public static String write(Object value) {
        return JsonWriter.write(value);
    }

    /** Converts a Jackson tree to the API tree; a null or missing node becomes an empty object. */
    public static JsonValue toValue(JsonNode node) {
        if (node == null || node.isMissingNode() || (node.isObject() && node.isEmpty())) {
            return JsonValue.EMPTY_OBJECT; // immutable, so shared: most requests have no or empty params
        }
        return convert(node);
    }

    private static JsonValue convert(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                members.put(e.getKey(), convert(e.getValue()));
            }
            return new JsonValue.JsonObject(members);
        }
        if (node.isArray()) {
            List<JsonValue> items = new ArrayList<>(node.size());
            node.forEach(n -> items.add(convert(n)));
            return new JsonValue.JsonArray(items);
        }
        if (node.isString()) {
            return new JsonValue.JsonString(node.stringValue());
        }
        if (node.isNumber()) {
            return new JsonValue.JsonNumber(node.decimalValue());
        }
        if (node.isBoolean()) {
            return new JsonValue.JsonBoolean(node.booleanValue());
        }
        return JsonValue.NULL;
    }

    /** Writes a {@link JsonValue} tree without converting it to another representation first. */
    private static final class JsonValueSerializer extends ValueSerializer<JsonValue> {
        @Override
        public void serialize(JsonValue value, JsonGenerator gen, SerializationContext ctxt) {
            if (value instanceof JsonValue.JsonObject o) {
                gen.writeStartObject();
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    gen.writeName(e.getKey());
                    serialize(e.getValue(), gen, ctxt);
                }
                gen.writeEndObject();
            } else if (value instanceof JsonValue.JsonArray a) {
                gen.writeStartArray();
                for (JsonValue item : a.items()) {
                    serialize(item, gen, ctxt);
                }
                gen.writeEndArray();
            } else {
                writeScalar(value, gen);
            }
        }

        private static void writeScalar(JsonValue value, JsonGenerator gen) {
            if (value instanceof JsonValue.JsonString s) {
                gen.writeString(s.value());
            } else if (value instanceof JsonValue.JsonNumber n) {
                BigDecimal d = n.value();
                gen.writeNumber(d);
            } else if (value instanceof JsonValue.JsonBoolean b) {
                gen.writeBoolean(b.value());
            } else {
                gen.writeNull();
            }
        }
    }
}
