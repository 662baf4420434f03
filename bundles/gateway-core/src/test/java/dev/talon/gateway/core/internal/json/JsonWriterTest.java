package dev.talon.gateway.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.talon.gateway.api.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private record Point(int x, double y) {}

    private static void assertSameAsJackson(Object value) {
        assertEquals(Json.WIRE.writeValueAsString(value), JsonWriter.write(value), String.valueOf(value));
    }

    @Test
    void stringsAreEscapedExactlyAsJacksonDoes() {
        for (int c = 0; c < 0x800; c++) {
            assertSameAsJackson("a" + (char) c + "b");
        }
        assertSameAsJackson("");
        assertSameAsJackson("\"quoted\" \\ back/slash \u2028 \uD83D\uDE00 \u007F");
        Random r = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            char[] cs = new char[r.nextInt(40)];
            for (int j = 0; j < cs.length; j++) {
                cs[j] = (char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0x10000));
            }
            assertSameAsJackson(new String(cs));
        }
    }

    @Test
    void mapsListsAndScalarsMatchJackson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("n", 42);
        m.put("l", Long.MIN_VALUE);
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("null", null);
        m.put("list", List.of("a", 1, false));
        m.put("set", new LinkedHashSet<>(List.of("x", "y")));
        m.put("nested", Map.of("k\n", Map.of()));
        m.put("double", 1.5e-7);
        m.put("record", new Point(1, 2.25));
        m.put("optional", Optional.of("v"));
        m.put("array", new String[] {"a"});
        m.put("raw", new RawJson("{\"pre\":1}"));
        assertEquals(
                Json.WIRE.writeValueAsString(withoutRaw(m)).replaceFirst("}$", "") + ",\"raw\":{\"pre\":1}}",
                JsonWriter.write(m));
        assertSameAsJackson(withoutRaw(m));
        assertSameAsJackson(Map.of(1L, "non-string key"));
        assertSameAsJackson(List.of());
        assertSameAsJackson(Arrays.asList(null, "x"));
    }

    private static Map<String, Object> withoutRaw(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.remove("raw");
        return copy;
    }

    @Test
    void jacksonTreesMatchJackson() {
        String[] samples = {
            "{\"a\":1,\"b\":[1,2.50,-3.0e10,1E+3,true,null,\"s\\u0001\"],\"c\":{},\"d\":123456789012345678901234567890}",
            "[]",
            "\"x\"",
            "0.1",
            "-0",
            "{\"k\":{\"deep\":[{\"x\":\"\\\"\"}]}}",
            "9223372036854775807",
            "-9223372036854775809"
        };
        for (String s : samples) {
            assertSameAsJackson(Json.parse(s));
            assertSameAsJackson(
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(s));
        }
    }

    @Test
    void apiTreesMatchJackson() {
        List<JsonValue> items = new ArrayList<>();
        items.add(new JsonValue.JsonNumber(new BigDecimal("1.50")));
        items.add(new JsonValue.JsonNumber(new BigDecimal("1E+5")));
        items.add(new JsonValue.JsonBoolean(false));
        items.add(JsonValue.NULL);
        items.add(new JsonValue.JsonString("q\"\t"));
        JsonValue v = new JsonValue.JsonObject(Map.of("items", new JsonValue.JsonArray(items)));
        assertSameAsJackson(v);
        assertSameAsJackson(Json.toValue(Json.parse("{\"a\":[1,2.0,{\"b\":null}],\"c\":\"d\"}")));
    }
}
