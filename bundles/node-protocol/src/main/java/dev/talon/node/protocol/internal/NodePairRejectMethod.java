package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code node.pair.reject {requestId}}: drops a pending surface request; answers it. */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.pair.reject", scope = Scopes.PAIRING)
public final class NodePairRejectMethod implements MethodHandler {
    private final NodeApprovals approvals;
    private final NodeEvents events;

    @Activate
    public NodePairRejectMethod(@Reference NodeApprovals approvals, @Reference NodeEvents events) {
        this.approvals = approvals;
        this.events = events;
    }

    @Override
    public void handle(MethodCall call) {
        String requestId = Trees.required(call, "requestId");
        NodeApprovals.Pending p =
                approvals.reject(requestId).orElseThrow(() -> GatewayException.invalidRequest("unknown requestId"));
        events.resolved(requestId, p.nodeId(), "rejected", null);
        call.respond(p);
    }
}
