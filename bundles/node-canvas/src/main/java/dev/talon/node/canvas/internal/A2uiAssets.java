package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The A2UI renderer assets shipped in this bundle ({@code /a2ui/} resources). Only the names in {@link #ASSETS}
 * are served, looked up by exact name: no request text ever reaches a resource lookup. Thread-safe.
 */
final class A2uiAssets {
    /** The served assets; the root ({@code /__openclaw__/a2ui/}) serves {@code index.html}. */
    static final List<String> ASSETS = List.of("index.html", "a2ui.js", "a2ui.css");

    private A2uiAssets() {}

    static void serve(HttpExchange ex, String raw) throws IOException {
        if (!HostResponses.readOnly(ex)) {
            return;
        }
        Optional<String> name = RequestPath.parse(raw).flatMap(A2uiAssets::asset);
        InputStream in = name.map(n -> A2uiAssets.class.getResourceAsStream("/a2ui/" + n))
                .orElse(null);
        if (in == null) {
            HostResponses.notFound(ex);
            return;
        }
        byte[] content;
        try (in) {
            content = in.readAllBytes();
        }
        HostResponses.stream(ex, name.get(), content.length, new java.io.ByteArrayInputStream(content));
    }

    private static Optional<String> asset(RequestPath p) {
        if (p.segments().isEmpty()) {
            return Optional.of("index.html");
        }
        return p.segments().size() == 1 && !p.directory() && ASSETS.contains(p.last())
                ? Optional.of(p.last())
                : Optional.empty();
    }
}
