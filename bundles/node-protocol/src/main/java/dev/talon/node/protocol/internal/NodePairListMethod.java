package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code node.pair.list}: pending command-surface requests and approved nodes. */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.pair.list", scope = Scopes.PAIRING)
public final class NodePairListMethod implements MethodHandler {
    private final NodeApprovals approvals;

    @Activate
    public NodePairListMethod(@Reference NodeApprovals approvals) {
        this.approvals = approvals;
    }

    @Override
    public void handle(MethodCall call) {
        call.respond(Map.of("pending", approvals.pending(), "paired", approvals.allApproved()));
    }
}
