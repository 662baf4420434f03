package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code node.pluginTools.update} (node role, protocol §3.6): replaces the node's agent-visible plugin tool catalog ({@code nodePluginTools} in KnownNode).
 * Answers {@code {nodeId, tools}}; a caller that is not a connected node gets {@code INVALID_REQUEST "unknown nodeId"}.
 * A node admitted through the v3 window has its plugin-owned capabilities withheld (§3.1) and gets
 * {@code INVALID_REQUEST "unauthorized role: node"}, which the official host reads as "unsupported" (§3.6).
 */
@Component(service = MethodHandler.class)
@GatewayMethod(
        name = "node.pluginTools.update",
        scope = Scopes.NODE,
        params_schema = "/schema/node-plugin-tools-update-params.json")
public final class NodePluginToolsUpdateMethod implements MethodHandler {
    /** The protocol's answer to a v3 node (§3.6). */
    static final String UNAUTHORIZED_LEGACY = "unauthorized role: node";

    private final NodeRegistry nodes;

    @Activate
    public NodePluginToolsUpdateMethod(@Reference NodeRegistry nodes) {
        this.nodes = nodes;
    }

    @Override
    public void handle(MethodCall call) {
        if (call.client().legacyProtocol()) {
            throw GatewayException.invalidRequest(UNAUTHORIZED_LEGACY);
        }
        call.respond(nodes.reportFromCall(call, "nodePluginTools", "tools"));
    }
}
