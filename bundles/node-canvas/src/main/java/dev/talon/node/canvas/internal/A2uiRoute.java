package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.GatewayHttpRoute;
import dev.talon.gateway.api.HttpExchange;
import dev.talon.gateway.api.HttpRoute;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /__openclaw__/a2ui/}: the A2UI renderer assets bundled in this jar (gateway auth beyond loopback). */
@Component(service = HttpRoute.class)
@GatewayHttpRoute(prefix = A2uiRoute.PREFIX)
public final class A2uiRoute implements HttpRoute {
    static final String PREFIX = "/__openclaw__/a2ui/";

    private final CanvasHost host;

    @Activate
    public A2uiRoute(@Reference CanvasHost host) {
        this.host = host;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!host.enabled()) {
            HostResponses.notFound(exchange);
            return;
        }
        A2uiAssets.serve(exchange, exchange.routePath());
    }
}
