package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code node.rename {nodeId, displayName}}: names an approved node (1..64 characters). */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.rename", scope = Scopes.PAIRING)
public final class NodeRenameMethod implements MethodHandler {
    private final NodeApprovals approvals;

    @Activate
    public NodeRenameMethod(@Reference NodeApprovals approvals) {
        this.approvals = approvals;
    }

    @Override
    public void handle(MethodCall call) {
        String nodeId = Trees.required(call, "nodeId");
        String name = Trees.required(call, "displayName").trim();
        if (name.length() > 64) {
            throw GatewayException.invalidRequest("invalid node.rename params: displayName must be 1 to 64 characters");
        }
        call.respond(
                approvals.rename(nodeId, name).orElseThrow(() -> GatewayException.invalidRequest("unknown nodeId")));
    }
}
