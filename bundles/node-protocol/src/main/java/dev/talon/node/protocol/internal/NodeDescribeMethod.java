package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code node.describe {nodeId}}: {@code {ts, ...KnownNode}} or {@code INVALID_REQUEST "unknown nodeId"}. */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.describe", scope = Scopes.READ)
public final class NodeDescribeMethod implements MethodHandler {
    private final NodeViews views;

    @Activate
    public NodeDescribeMethod(@Reference NodeViews views) {
        this.views = views;
    }

    @Override
    public void handle(MethodCall call) {
        Map<String, Object> row = views.row(Trees.required(call, "nodeId"))
                .orElseThrow(() -> GatewayException.invalidRequest("unknown nodeId"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ts", System.currentTimeMillis());
        out.putAll(row);
        call.respond(out);
    }
}
