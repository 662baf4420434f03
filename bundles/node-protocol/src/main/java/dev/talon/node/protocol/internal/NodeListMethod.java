package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code node.list}: {@code {ts, nodes:[KnownNode]}}, connected first. */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.list", scope = Scopes.READ)
public final class NodeListMethod implements MethodHandler {
    private final NodeViews views;

    @Activate
    public NodeListMethod(@Reference NodeViews views) {
        this.views = views;
    }

    @Override
    public void handle(MethodCall call) {
        call.respond(Map.of("ts", System.currentTimeMillis(), "nodes", views.all()));
    }
}
