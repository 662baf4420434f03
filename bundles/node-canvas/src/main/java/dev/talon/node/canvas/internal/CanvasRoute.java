package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.GatewayHttpRoute;
import dev.talon.gateway.api.HttpExchange;
import dev.talon.gateway.api.HttpRoute;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /__openclaw__/canvas/}: hosted canvas documents from the canvas root (gateway auth beyond loopback). */
@Component(service = HttpRoute.class)
@GatewayHttpRoute(prefix = CanvasRoute.PREFIX)
public final class CanvasRoute implements HttpRoute {
    static final String PREFIX = "/__openclaw__/canvas/";

    private final CanvasHost host;

    @Activate
    public CanvasRoute(@Reference CanvasHost host) {
        this.host = host;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!host.enabled()) {
            HostResponses.notFound(exchange);
            return;
        }
        host.files().serve(exchange, exchange.routePath());
    }
}
