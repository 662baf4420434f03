package dev.talon.gateway.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.json.RawJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FramesTest {
    private static final RawJson PAYLOAD = RawJson.of(Map.of("ok", true, "note", "héllo \"wörld\" ✓"));

    @Test
    void theByteResponseIsTheTextResponseEncoded() {
        for (String id : new String[] {"1", "req-42", "a b/c:d", "", "~!@#$%^&*()"}) {
            byte[] expected = Frames.ok(id, PAYLOAD).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, Frames.okUtf8(id, PAYLOAD), id);
        }
    }

    @Test
    void idsThatNeedEscapingAndEmptyPayloadsTakeTheTextPath() {
        for (String id : new String[] {"quote\"d", "back\\slash", "tab\t", "ünïcode", "emoji 🦅", "\u0000"}) {
            byte[] bytes = Frames.okUtf8(id, PAYLOAD);
            assertArrayEquals(Frames.ok(id, PAYLOAD).getBytes(StandardCharsets.UTF_8), bytes, id);
            JsonNode frame = Json.parse(new String(bytes, StandardCharsets.UTF_8));
            assertEquals(id, frame.get("id").stringValue());
            assertEquals("héllo \"wörld\" ✓", frame.get("payload").get("note").stringValue());
        }
        JsonNode none = Json.parse(new String(Frames.okUtf8("7", null), StandardCharsets.UTF_8));
        assertEquals("7", none.get("id").stringValue());
        assertEquals(false, none.has("payload"));
        assertEquals(true, none.get("ok").booleanValue());
    }
}
