package dev.talon.node.canvas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HostsTest {

    @Test
    void contentTypesFollowTheExtension() {
        assertEquals("text/html; charset=utf-8", ContentTypes.of("index.HTML"));
        assertEquals("text/css; charset=utf-8", ContentTypes.of("a.css"));
        assertEquals("application/json; charset=utf-8", ContentTypes.of("data.json"));
        assertEquals("image/png", ContentTypes.of("x.png"));
        assertEquals("image/svg+xml", ContentTypes.of("x.svg"));
        assertEquals("text/javascript; charset=utf-8", ContentTypes.of("m.mjs"));
        assertEquals(ContentTypes.BINARY, ContentTypes.of("noext"));
        assertEquals(ContentTypes.BINARY, ContentTypes.of("x.exe"));
        assertEquals(ContentTypes.BINARY, ContentTypes.of("trailing."));
    }

    @Test
    void a2uiServesOnlyItsBundledAssets() throws IOException {
        FakeExchange index = new FakeExchange("GET", "/__openclaw__/a2ui/", "");
        A2uiAssets.serve(index, "");
        assertEquals(200, index.status);
        assertTrue(index.text().contains("Talon A2UI"));
        FakeExchange js = new FakeExchange("GET", "/__openclaw__/a2ui/", "a2ui.js");
        A2uiAssets.serve(js, "a2ui.js");
        assertEquals("text/javascript; charset=utf-8", js.responseHeaders.get("Content-Type"));
        for (String raw : new String[] {"../schema/canvas.eval.json", "%2e%2e/canvas/default-index.html", "x.js"}) {
            FakeExchange ex = new FakeExchange("GET", "/__openclaw__/a2ui/", raw);
            A2uiAssets.serve(ex, raw);
            assertEquals(404, ex.status, raw);
        }
    }

    @Test
    void requestPathsDecodeStrictly() {
        assertEquals(
                java.util.List.of("documents", "a b", "x.html"),
                RequestPath.parse("documents/a%20b/x.html").orElseThrow().segments());
        assertTrue(RequestPath.parse("a/").orElseThrow().directory());
        assertTrue(RequestPath.parse("").orElseThrow().segments().isEmpty());
        assertTrue(RequestPath.parse("a%2").isEmpty());
        assertTrue(RequestPath.parse("a".repeat(RequestPath.MAX_LENGTH + 1)).isEmpty());
    }
}
