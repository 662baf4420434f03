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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code node.invoke {nodeId, command, params?, timeoutMs?, idempotencyKey}}: forwards a command to a node
 * and answers with its result (protocol §3.4). Only commands an installed family declares, the node declared
 * and its approved surface and the gateway's command policy (§3.7) allow are forwarded; params must satisfy the
 * family's schema, so fields the schema does not know (approval flags and the like) can never be smuggled to the
 * node. A refused command is answered {@code INVALID_REQUEST} with {@code details:{reason, command}}.
 */
@Component(service = {MethodHandler.class, NodeInvokeMethod.class})
@GatewayMethod(name = "node.invoke", scope = Scopes.WRITE, idempotency = MethodHandler.IDEMPOTENCY_REQUIRED)
public final class NodeInvokeMethod implements MethodHandler {
    static final long DEFAULT_TIMEOUT_MS = 30_000;
    /** The longest budget honoured (24 h); larger {@code timeoutMs} values are clamped to it. */
    static final long MAX_TIMEOUT_MS = 86_400_000;

    static final String SYSTEM_RUN = "system.run";

    private final NodeRegistry nodes;
    private final CommandFamilies families;
    private final InvokeRouter router;
    private final NodePolicy policy;
    private final ExecRuns execRuns;

    @Activate
    public NodeInvokeMethod(
            @Reference NodeRegistry nodes,
            @Reference CommandFamilies families,
            @Reference InvokeRouter router,
            @Reference NodePolicy policy,
            @Reference ExecRuns execRuns) {
        this.nodes = nodes;
        this.families = families;
        this.router = router;
        this.policy = policy;
        this.execRuns = execRuns;
    }

    @Override
    public void handle(MethodCall call) {
        invoke(call.paramsObject(), call.scopes(), InvokeRouter.Caller.of(call), call::extendDeadline);
    }

    /**
     * Checks and forwards one invoke (the Gogo shell calls this too, with the administrator's scopes).
     *
     * @param scopes the caller's scopes, for the admin-only commands
     * @param budget told the invoke's budget in ms plus grace, before forwarding (a call's deadline moves to it)
     * @throws GatewayException when a check refuses the invoke before it reaches the node
     */
    void invoke(JsonValue.JsonObject p, Set<String> scopes, InvokeRouter.Caller caller, LongConsumer budget) {
        long startNanos = System.nanoTime();
        String nodeId = p.string("nodeId").filter(s -> !s.isBlank()).orElse(null);
        String command = p.string("command").filter(s -> !s.isBlank()).orElse(null);
        if (nodeId == null || command == null) {
            throw GatewayException.invalidRequest("nodeId and command required");
        }
        CommandFamilies.Spec spec = checkCommand(scopes, command);
        NodeRegistry.Live live = nodes.live(nodeId)
                .orElseThrow(() -> InvokeRouter.nodeError("NOT_CONNECTED", "node not connected", false));
        checkNode(live, command);
        JsonNode params = p.get("params").map(Trees::toNode).orElse(null);
        validate(spec, command, params);
        String sessionKey = p.string("sessionKey").filter(s -> !s.isBlank()).orElse(null);
        String connectionId = live.connection().connectionId();
        if (SYSTEM_RUN.equals(command)) {
            params = withRunId(params, nodeId, connectionId, sessionKey);
        }
        long timeoutMs =
                Math.min(MAX_TIMEOUT_MS, Math.max(1, p.integer("timeoutMs").orElse(DEFAULT_TIMEOUT_MS)));
        // The caller's budget may exceed the gateway's handler timeout; the router answers TIMEOUT itself.
        budget.accept(timeoutMs + DEADLINE_GRACE_MS);
        router.dispatch(
                caller,
                new InvokeRouter.Invoke(
                        nodeId,
                        connectionId,
                        command,
                        params,
                        p.string("idempotencyKey").orElse(null),
                        sessionKey,
                        startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs)));
    }

    /** The checks that depend on the command only (protocol §3.4.1 order); returns its family declaration. */
    private CommandFamilies.Spec checkCommand(Set<String> scopes, String command) {
        if (CommandPolicy.isPrivate(command)) {
            throw GatewayException.invalidRequest("node.invoke does not allow private node controls");
        }
        if (command.startsWith("system.execApprovals.")) {
            throw GatewayException.invalidRequest(
                    "node.invoke does not allow system.execApprovals.*; use exec.approvals.node.*");
        }
        if (CommandPolicy.isAdminOnly(command)) {
            requireAdmin(scopes);
        }
        CommandFamilies.Spec spec =
                families.get(command).orElseThrow(() -> notAllowed(command, "no installed command family provides it"));
        if (NodeCommand.DANGER_ADMIN.equals(spec.danger())) {
            requireAdmin(scopes);
        }
        return spec;
    }

    /** Headroom past the caller's budget so the router's own TIMEOUT answer comes before the gateway's. */
    private static final long DEADLINE_GRACE_MS = 5_000;

    private static void requireAdmin(Set<String> scopes) {
        if (!scopes.contains(Scopes.ADMIN)) {
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
    }

    /** Declared by the node, allowed by the gateway's policy, covered by the node's approved surface. */
    private void checkNode(NodeRegistry.Live live, String command) {
        if (!live.connection().client().surface().commands().contains(command)) {
            throw notAllowed(command, "command not declared by node");
        }
        String refusal = policy.refusal(live.connection().client(), command);
        if (refusal != null) {
            throw notAllowed(command, refusal);
        }
        if (!nodes.effectiveCommands(live.nodeId()).contains(command)) {
            throw notAllowed(command, "surface pending approval");
        }
    }

    /** Adds the gateway-issued {@code runId} the node echoes in its exec lifecycle events (protocol §3.5). */
    private JsonNode withRunId(JsonNode params, String nodeId, String connectionId, String sessionKey) {
        ObjectNode withRun = params instanceof ObjectNode o ? o.deepCopy() : InvokeRouter.JSON.createObjectNode();
        String runId = UUID.randomUUID().toString();
        withRun.put("runId", runId);
        String bound = withRun.path("sessionKey").isString()
                ? withRun.path("sessionKey").stringValue()
                : sessionKey;
        execRuns.forwarded(nodeId, connectionId, runId, bound);
        return withRun;
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
