package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayConnections;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code node.pair.remove {nodeId}}: forgets the node's approved command surface and disconnects its node
 * sessions; its next connect asks for approval again. The device pairing itself is managed with
 * {@code device.pair.*}.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.pair.remove", scope = Scopes.PAIRING)
public final class NodePairRemoveMethod implements MethodHandler {
    private final NodeApprovals approvals;
    private final NodeRegistry nodes;
    private final GatewayConnections connections;

    @Activate
    public NodePairRemoveMethod(
            @Reference NodeApprovals approvals,
            @Reference NodeRegistry nodes,
            @Reference GatewayConnections connections) {
        this.approvals = approvals;
        this.nodes = nodes;
        this.connections = connections;
    }

    @Override
    public void handle(MethodCall call) {
        String nodeId = Trees.required(call, "nodeId");
        boolean known = approvals.remove(nodeId);
        boolean disconnected = nodes.live(nodeId)
                .map(l -> connections.disconnect(l.connection().connectionId(), "client invalidated: node removed"))
                .orElse(false);
        if (!known && !disconnected) {
            throw GatewayException.invalidRequest("unknown nodeId");
        }
        call.respond(Map.of("nodeId", nodeId, "removed", true, "disconnected", disconnected));
    }
}
