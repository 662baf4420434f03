package dev.talon.gateway.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class JsonParseTest {
    @Test
    void numbersJacksonCannotRepresentAreParseErrors() {
        for (String text : new String[] {"{\"x\":1e99999999999}", "-2.5E-99999999999", "[123E45678901234567890]"}) {
            JacksonException e = assertThrows(JacksonException.class, () -> Json.parse(text), text);
            assertTrue(e.getMessage().contains("number out of range"), e.getMessage());
        }
    }
}
