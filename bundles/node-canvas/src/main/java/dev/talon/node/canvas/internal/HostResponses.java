package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The response conventions shared by the canvas, A2UI and capability hosts. */
final class HostResponses {
    static final String ALLOW = "GET, HEAD";

    private HostResponses() {}

    /**
     * Refuses anything but GET and HEAD with 405 and {@code Allow}.
     *
     * @return whether the method may be served
     */
    static boolean readOnly(HttpExchange ex) throws IOException {
        if ("GET".equals(ex.method()) || "HEAD".equals(ex.method())) {
            return true;
        }
        ex.responseHeader("Allow", ALLOW);
        plain(ex, 405, "method not allowed");
        return false;
    }

    static void notFound(HttpExchange ex) throws IOException {
        plain(ex, 404, "not found");
    }

    static void plain(HttpExchange ex, int status, String message) throws IOException {
        secure(ex);
        ex.responseHeader("Cache-Control", "no-store");
        ex.send(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Streams {@code in} ({@code length} bytes) as {@code fileName}'s content type. */
    static void stream(HttpExchange ex, String fileName, long length, InputStream in) throws IOException {
        secure(ex);
        ex.responseHeader("Cache-Control", "no-cache");
        ex.status(200);
        ex.contentType(ContentTypes.of(fileName));
        ex.contentLength(length);
        try (in) {
            in.transferTo(ex.body());
        }
    }

    /**
     * For agent-authored content: {@code Content-Security-Policy: sandbox …} gives the document an opaque origin,
     * so its scripts run but cannot read the gateway origin's storage (a Control UI's stored credentials) or
     * make same-origin requests with it, and its WebSocket connections carry {@code Origin: null}.
     */
    static void sandboxed(HttpExchange ex) {
        ex.responseHeader("Content-Security-Policy", SANDBOX);
    }

    static final String SANDBOX = "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads";

    /**
     * Headers on every answer: no MIME sniffing, and no {@code Referer} leaving a page, so a capability URL never
     * leaks to third-party hosts that a document links to.
     */
    private static void secure(HttpExchange ex) {
        ex.responseHeader("X-Content-Type-Options", "nosniff");
        ex.responseHeader("Referrer-Policy", "no-referrer");
    }
}
