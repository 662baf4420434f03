package dev.talon.gateway.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.json.Json;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The scanner must agree with the full parse ({@link Json#parse} + {@link RequestFrames}) wherever it answers. */
class RequestEnvelopeTest {
    private static final List<String> VALID = List.of(
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\"}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"params\":{}}",
            " {\r\n \"method\" : \"status\" ,\t\"id\":\"abc-9\", \"type\":\"req\" , \"params\" : { } }\n",
            "{\"type\":\"req\",\"id\":\"ü-✓-🦅\",\"method\":\"x.y\",\"params\":{\"a\":[1,2.50,{\"b\":\"}]\\\"\"}],\"c\":null}}",
            "{\"type\":\"req\",\"id\":\"7\",\"method\":\"m\",\"params\":[1,\"two\",{\"three\":3}]}",
            "{\"type\":\"req\",\"id\":\"7\",\"method\":\"m\",\"params\":\"text \\\" with \\\\ escapes\"}",
            "{\"type\":\"req\",\"id\":\"7\",\"method\":\"m\",\"params\":12345678901234567890}",
            "{\"type\":\"req\",\"id\":\"7\",\"method\":\"m\",\"params\":-1.5e3}",
            "{\"type\":\"req\",\"id\":\"7\",\"method\":\"m\",\"params\":null}",
            "{\"type\":\"req\",\"id\":\"7\",\"method\":\"m\",\"params\":true}",
            "{\"params\":{\"deep\":{\"er\":[[[]]]}},\"type\":\"req\",\"id\":\"7\",\"method\":\"m\","
                    + "\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\",\"expectedProfileId\":\"p\"}",
            "{\"type\":\"req\",\"id\":\"7\",\"method\":\"m\",\"traceparent\":\"\"}");

    private static final List<String> FULL_PARSE_ONLY = List.of(
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\"} trailing",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"id\":\"2\"}",
            "{\"t\\u0079pe\":\"req\",\"id\":\"1\",\"method\":\"health\"}",
            "{\"type\":\"req\",\"id\":\"a\\\"b\",\"method\":\"health\"}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"extra\":1}",
            "{\"type\":\"res\",\"id\":\"1\",\"method\":\"health\"}",
            "{\"type\":\"req\",\"id\":\"\",\"method\":\"health\"}",
            "{\"type\":\"req\",\"id\":1,\"method\":\"health\"}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"\"}",
            "{\"type\":\"req\",\"id\":\"1\"}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"m\",\"expectedProfileId\":\"\"}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"m\",\"traceparent\":\"" + "x".repeat(129) + "\"}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"m\",\"params\":{\"a\":}}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"m\",\"params\":{]}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"m\",\"params\":NaN}",
            "{\"type\":\"req\",\"id\":\"1\",\"method\":\"m\",\"params\":{}",
            "\uFEFF{\"type\":\"req\",\"id\":\"1\",\"method\":\"m\"}",
            "[]",
            "{}",
            "",
            "{\"type\":\"req\",\"id\":\"tab\there\",\"method\":\"m\"}");

    @Test
    void plainFramesAreReadLikeTheFullParseReadsThem() {
        for (String frame : VALID) {
            RequestEnvelope e = RequestEnvelope.read(frame);
            assertNotNull(e, frame);
            assertAgrees(frame, e);
        }
    }

    @Test
    void anythingUnusualIsLeftToTheFullParse() {
        for (String frame : FULL_PARSE_ONLY) {
            assertNull(RequestEnvelope.read(frame), frame);
        }
    }

    @Test
    void mutatedFramesAreEitherLeftToTheFullParseOrReadTheSame() {
        Random random = new Random(Long.getLong("fuzz.seed", 20261121L));
        String alphabet = "{}[]\",:\\ \t\nabcdeiomprqstuy0123456789.-+eE\u00fc\u0001";
        int answered = 0;
        for (int n = 0; n < Integer.getInteger("fuzz.rounds", 50_000); n++) {
            StringBuilder b = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
            for (int edits = 1 + random.nextInt(3); edits > 0 && b.length() > 0; edits--) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String frame = b.toString();
            RequestEnvelope e = RequestEnvelope.read(frame);
            if (e != null) {
                answered++;
                assertAgrees(frame, e);
            }
        }
        assertTrue(answered > 1_000, "the scanner answered " + answered + " mutated frames");
    }

    private static void assertAgrees(String frame, RequestEnvelope e) {
        JsonNode full;
        try {
            full = Json.parse(frame);
        } catch (JacksonException x) {
            throw new AssertionError("scanner accepted a frame the full parse rejects: " + frame, x);
        }
        assertNull(RequestFrames.problems(full), frame);
        assertEquals(RequestFrames.validId(full), e.id(), frame);
        assertEquals(full.get("method").stringValue(), e.method(), frame);
        assertEquals(full.get("params"), e.params(), frame);
    }
}
