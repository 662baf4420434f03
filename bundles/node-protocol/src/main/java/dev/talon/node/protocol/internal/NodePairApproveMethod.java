package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.node.protocol.NodeCommand;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code node.pair.approve {requestId}}: approves a node's declared command surface. Approving commands needs
 * {@code operator.write}; a surface with commands that run code on the node ({@code approval} or
 * {@code admin} danger, e.g. {@code system.run}) needs {@code operator.admin} (protocol §2.8.4).
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.pair.approve", scope = Scopes.PAIRING)
public final class NodePairApproveMethod implements MethodHandler {
    private final NodeApprovals approvals;
    private final NodeEvents events;
    private final NodeRegistry nodes;
    private final CommandFamilies families;

    @Activate
    public NodePairApproveMethod(
            @Reference NodeApprovals approvals,
            @Reference NodeEvents events,
            @Reference NodeRegistry nodes,
            @Reference CommandFamilies families) {
        this.approvals = approvals;
        this.events = events;
        this.nodes = nodes;
        this.families = families;
    }

    @Override
    public void handle(MethodCall call) {
        String requestId = Trees.required(call, "requestId");
        NodeApprovals.Pending p = approvals.pending().stream()
                .filter(r -> r.requestId().equals(requestId))
                .findFirst()
                .orElseThrow(() -> GatewayException.invalidRequest("unknown requestId"));
        if (!p.commands().isEmpty()) {
            require(call, Scopes.WRITE);
        }
        boolean runsCode = p.commands().stream()
                .map(families::get)
                .anyMatch(s ->
                        s.isEmpty() || !NodeCommand.DANGER_SAFE.equals(s.get().danger()));
        if (runsCode) {
            require(call, Scopes.ADMIN);
        }
        NodeApprovals.Approved a =
                approvals.approve(requestId).orElseThrow(() -> GatewayException.invalidRequest("unknown requestId"));
        events.resolved(
                requestId,
                a.nodeId(),
                "approved",
                nodes.live(a.nodeId()).map(l -> l.connection().connectionId()).orElse(null));
        call.respond(Map.of("requestId", requestId, "node", a));
    }

    private static void require(MethodCall call, String scope) {
        if (!Scopes.satisfies(call.scopes(), scope)) {
            throw new GatewayException(
                    ErrorCode.FORBIDDEN,
                    "missing scope: " + scope,
                    Map.of("code", "MISSING_SCOPE", "missingScope", scope, "requiredScopes", List.of(scope)),
                    null,
                    null);
        }
    }
}
