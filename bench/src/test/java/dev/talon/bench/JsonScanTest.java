package dev.talon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.bench.Frames.Frame;
import org.junit.jupiter.api.Test;

class JsonScanTest {
    @Test
    void responseFieldsAreReadFromTheTopLevelOnly() {
        Frame f = Frames.parse("{ \"payload\" : {\"id\":\"inner\",\"ok\":true,\"x\":[1,{\"type\":\"event\"}]},"
                + "\"error\":{\"message\":\"a \\\"quoted\\\" } brace\"}, \"type\":\"res\", \"ok\" : false,"
                + " \"id\":\"3:17\"}");
        assertTrue(f.isRes());
        assertEquals("3:17", f.id());
        assertFalse(f.ok());
    }

    @Test
    void eventNamesAndEscapedStringsAreDecoded() {
        Frame f = Frames.parse("{\"type\":\"event\",\"event\":\"node.invoke.request\",\"seq\":12,"
                + "\"payload\":{\"nodeId\":\"n\",\"id\":\"a\\u0062\\\\c\\\"\"}}");
        assertTrue(f.isEvent("node.invoke.request"));
        assertNull(f.id());
        assertEquals("ab\\c\"", Frames.payloadString(f.raw(), "id"));
        assertEquals("n", Frames.payloadString(f.raw(), "nodeId"));
        assertNull(Frames.payloadString(f.raw(), "missing"));
        assertNull(Frames.payloadString("{\"type\":\"event\",\"payload\":{\"id\":7}}", "id"));
        assertNull(Frames.payloadString("{\"payload\":null,\"id\":\"top\"}", "id"));
    }

    @Test
    void nonStringIdsAreNull() {
        assertNull(Frames.parse("{\"type\":\"res\",\"id\":12,\"ok\":true}").id());
        assertTrue(Frames.parse("{\"type\":\"res\",\"id\":\"1:1\",\"ok\":true}").ok());
    }

    @Test
    void truncatedOrNonObjectFramesFail() {
        assertThrows(BenchException.class, () -> Frames.parse("[1,2]"));
        assertThrows(BenchException.class, () -> Frames.parse("{\"type\":\"res"));
        assertThrows(BenchException.class, () -> Frames.parse("{\"payload\":{\"a\":[1,2}"));
        assertThrows(BenchException.class, () -> Frames.parse("{\"type\" \"res\"}"));
    }
}
