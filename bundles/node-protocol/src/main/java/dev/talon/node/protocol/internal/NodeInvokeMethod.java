package dev.talon.node.protocol.internal;

import com.networknt.schema.Error;
import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.node.protocol.NodeCommand;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import tools.jackson.databind.JsonNode;

/**
 * {@code node.invoke {nodeId, command, params?, timeoutMs?, idempotencyKey}}: forwards a command to a node
 * and answers with its result (protocol §3.4). Only commands an installed family declares, the node declared
 * and its approved surface allows are forwarded; params must satisfy the family's schema, so fields the
 * schema does not know (approval flags and the like) can never be smuggled to the node.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.invoke", scope = Scopes.WRITE, idempotency = MethodHandler.IDEMPOTENCY_REQUIRED)
public final class NodeInvokeMethod implements MethodHandler {
    static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final NodeRegistry nodes;
    private final CommandFamilies families;
    private final InvokeRouter router;

    @Activate
    public NodeInvokeMethod(
            @Reference NodeRegistry nodes, @Reference CommandFamilies families, @Reference InvokeRouter router) {
        this.nodes = nodes;
        this.families = families;
        this.router = router;
    }

    @Override
    public void handle(MethodCall call) {
        JsonValue.JsonObject p = call.paramsObject();
        String nodeId = p.string("nodeId").filter(s -> !s.isBlank()).orElse(null);
        String command = p.string("command").filter(s -> !s.isBlank()).orElse(null);
        if (nodeId == null || command == null) {
            throw GatewayException.invalidRequest("nodeId and command required");
        }
        if (command.startsWith("system.execApprovals.")) {
            throw GatewayException.invalidRequest(
                    "node.invoke does not allow system.execApprovals.*; use exec.approvals.node.*");
        }
        CommandFamilies.Spec spec =
                families.get(command).orElseThrow(() -> notAllowed(command, "no installed command family provides it"));
        if (NodeCommand.DANGER_ADMIN.equals(spec.danger()) && !call.scopes().contains(Scopes.ADMIN)) {
            throw new GatewayException(
                    ErrorCode.FORBIDDEN,
                    "missing scope: " + Scopes.ADMIN,
                    Map.of(
                            "code",
                            "MISSING_SCOPE",
                            "missingScope",
                            Scopes.ADMIN,
                            "requiredScopes",
                            List.of(Scopes.ADMIN)),
                    null,
                    null);
        }
        NodeRegistry.Live live = nodes.live(nodeId)
                .orElseThrow(() -> InvokeRouter.nodeError("NOT_CONNECTED", "node not connected", false));
        if (!live.connection().client().surface().commands().contains(command)) {
            throw notAllowed(command, "command not declared by node");
        }
        if (!nodes.effectiveCommands(nodeId).contains(command)) {
            throw notAllowed(command, "surface pending approval");
        }
        JsonNode params = p.get("params").map(Trees::toNode).orElse(null);
        validate(spec, command, params);
        long timeout = p.integer("timeoutMs").orElse(DEFAULT_TIMEOUT_MS);
        router.dispatch(
                call,
                nodeId,
                live.connection().connectionId(),
                command,
                params,
                Math.max(1, timeout),
                p.string("idempotencyKey").orElse(null));
    }

    private static void validate(CommandFamilies.Spec spec, String command, JsonNode params) {
        if (spec.schema() == null) {
            return;
        }
        List<Error> errors = spec.schema().validate(params == null ? InvokeRouter.JSON.createObjectNode() : params);
        if (!errors.isEmpty()) {
            String what = errors.stream().limit(5).map(Error::getMessage).collect(Collectors.joining("; "));
            throw GatewayException.invalidRequest("invalid node.invoke params for " + command + ": " + what);
        }
    }

    private static GatewayException notAllowed(String command, String reason) {
        return new GatewayException(
                ErrorCode.INVALID_REQUEST,
                "node command not allowed: " + command + " (" + reason + ")",
                Map.of("reason", reason, "command", command),
                null,
                null);
    }
}
