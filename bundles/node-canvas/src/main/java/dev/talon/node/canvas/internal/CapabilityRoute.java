package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.GatewayHttpRoute;
import dev.talon.gateway.api.HttpExchange;
import dev.talon.gateway.api.HttpRoute;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /__openclaw__/cap/<token>/…}: the canvas surface behind a capability handed to a node (protocol
 * §5.6.3). The token is the authorization, so core auth is off for this prefix; an unknown, expired or revoked
 * token answers 404, never content. Below the token, {@code /__openclaw__/canvas/…} and
 * {@code /__openclaw__/a2ui/…} are served as on the plain routes (how nodes resolve hosted paths against their
 * capability URL), and the bare capability URL serves the canvas root.
 */
@Component(service = HttpRoute.class)
@GatewayHttpRoute(prefix = CapabilityRoute.PREFIX, auth = HttpRoute.AUTH_NONE)
public final class CapabilityRoute implements HttpRoute {
    static final String PREFIX = "/__openclaw__/cap/";
    private static final String CANVAS = "__openclaw__/canvas/";
    private static final String A2UI = "__openclaw__/a2ui/";

    private final CanvasHost host;

    @Activate
    public CapabilityRoute(@Reference CanvasHost host) {
        this.host = host;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String rest = exchange.routePath();
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        if (!host.enabled() || host.capabilities().check(token).isEmpty()) {
            HostResponses.notFound(exchange);
            return;
        }
        String below = slash < 0 ? "" : rest.substring(slash + 1);
        if (below.startsWith(CANVAS) || (below + "/").equals(CANVAS)) {
            host.files().serve(exchange, strip(below, CANVAS));
        } else if (below.startsWith(A2UI) || (below + "/").equals(A2UI)) {
            A2uiAssets.serve(exchange, strip(below, A2UI));
        } else {
            host.files().serve(exchange, below);
        }
    }

    private static String strip(String path, String prefix) {
        return path.length() > prefix.length() ? path.substring(prefix.length()) : "";
    }
}
