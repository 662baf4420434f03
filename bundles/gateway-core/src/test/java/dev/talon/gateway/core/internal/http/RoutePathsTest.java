package dev.talon.gateway.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.conn.BaseUrl;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RoutePathsTest {

    @Test
    void aPrefixServesItsSubtreeAndItselfWithoutTheSlash() {
        assertTrue(HttpRouteRegistry.matches("/a/b/", "/a/b/c.html"));
        assertTrue(HttpRouteRegistry.matches("/a/b/", "/a/b/"));
        assertTrue(HttpRouteRegistry.matches("/a/b/", "/a/b"));
        assertFalse(HttpRouteRegistry.matches("/a/b/", "/a/bc"));
        assertFalse(HttpRouteRegistry.matches("/a/b/", "/a/"));
    }

    @Test
    void reservedCorePathsAndMalformedPrefixesAreRefused() {
        assertNotNull(HttpRouteRegistry.problem("/healthz/"));
        assertNotNull(HttpRouteRegistry.problem("/readyz/x/"));
        assertNotNull(HttpRouteRegistry.problem("/__talon__/"));
        assertNotNull(HttpRouteRegistry.problem("/__talon__/schema/"));
        assertNotNull(HttpRouteRegistry.problem("/no-trailing-slash"));
        assertNotNull(HttpRouteRegistry.problem("relative/"));
        assertNotNull(HttpRouteRegistry.problem("/a/../b/"));
        assertNotNull(HttpRouteRegistry.problem("/a%2fb/"));
        assertNull(HttpRouteRegistry.problem("/__openclaw__/canvas/"));
        assertNull(HttpRouteRegistry.problem("/healthzone/"));
        assertTrue(HttpRouteRegistry.reserved("/startup"));
        assertFalse(HttpRouteRegistry.reserved("/startups"));
    }

    @Test
    void encodedSeparatorsDotSegmentsAndBackslashesAreAmbiguous() {
        for (String p : new String[] {
            "/c/../etc/passwd",
            "/c/%2e%2e/x",
            "/c/%2E%2e/x",
            "/c/.%2e/x",
            "/c/a%2fb",
            "/c/a%2Fb",
            "/c/a%5cb",
            "/c/a\\b",
            "/c/a%00",
            "/c/%252e%252e/",
            "/c/./x",
            "/c/.."
        }) {
            assertTrue(RouteDispatcher.ambiguous(p), p);
        }
        assertFalse(RouteDispatcher.ambiguous("/c/documents/a%20b/index.html"));
        assertFalse(RouteDispatcher.ambiguous("/c/file.min.js"));
        assertFalse(RouteDispatcher.ambiguous("/c/..hidden"));
    }

    @Test
    void theBaseUrlComesFromAWellFormedHostHeaderElseTheLocalAddress() {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 18789);
        assertEquals("http://gw.local:18789", BaseUrl.of("gw.local:18789", local));
        assertEquals("http://[::1]:18789", BaseUrl.of("[::1]:18789", local));
        assertEquals("http://127.0.0.1:18789", BaseUrl.of("evil.com/path?x", local));
        assertEquals("http://127.0.0.1:18789", BaseUrl.of("a b", local));
        assertEquals("http://127.0.0.1:18789", BaseUrl.of(null, local));
    }
}
