package dev.talon.gateway.core.internal.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    @Test
    void closeReasonsAreCutTo123BytesOnACharacterBoundary() {
        assertEquals("short", Connection.truncate("short"));
        String longAscii = "x".repeat(200);
        assertEquals(123, Connection.truncate(longAscii).getBytes(StandardCharsets.UTF_8).length);
        String multiByte = "é".repeat(100);
        String cut = Connection.truncate(multiByte);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 123);
        assertTrue(multiByte.startsWith(cut));
    }
}
