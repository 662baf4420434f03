package dev.talon.gateway.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.talon.gateway.core.internal.json.Json;
import org.junit.jupiter.api.Test;

class RequestFramesTest {
    private static String problems(String json) {
        return RequestFrames.problems(Json.parse(json));
    }

    @Test
    void aMinimalRequestIsValid() {
        assertNull(problems("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\"}"));
        assertNull(
                problems(
                        "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"params\":[1],\"traceparent\":\"00-abc\",\"expectedProfileId\":\"p\"}"));
    }

    @Test
    void everyShapeViolationIsDescribed() {
        assertEquals("frame must be an object", problems("[1]"));
        assertEquals("type must be \"req\"", problems("{\"type\":\"event\",\"id\":\"1\",\"method\":\"x\"}"));
        assertEquals("id must be a non-empty string", problems("{\"type\":\"req\",\"id\":7,\"method\":\"x\"}"));
        assertEquals("id must be a non-empty string", problems("{\"type\":\"req\",\"id\":\"\",\"method\":\"x\"}"));
        assertEquals("method must be a non-empty string", problems("{\"type\":\"req\",\"id\":\"1\",\"method\":null}"));
        assertEquals(
                "unexpected property 'extra'",
                problems("{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"extra\":1}"));
        assertNotNull(problems(
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"traceparent\":\"" + "a".repeat(129) + "\"}"));
        assertNotNull(problems("{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"expectedProfileId\":\"\"}"));
    }

    @Test
    void theIdIsRecoveredOnlyWhenItIsANonEmptyString() {
        assertEquals("7:a", RequestFrames.validId(Json.parse("{\"id\":\"7:a\"}")));
        assertNull(RequestFrames.validId(Json.parse("{\"id\":7}")));
        assertNull(RequestFrames.validId(Json.parse("\"str\"")));
    }
}
