package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.Scopes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands: {@code node:list}, {@code node:pending}, {@code node:approve <requestId>},
 * {@code node:reject <requestId>}, {@code node:describe <nodeId>} and
 * {@code node:invoke <nodeId> <command> [<paramsJson>]} (the same checks as the {@code node.invoke} method,
 * with the administrator's scope).
 */
@Component(service = NodeShellCommands.class)
@NodeShellCommands.Gogo(
        scope = "node",
        function = {"list", "pending", "approve", "reject", "describe", "invoke"})
public final class NodeShellCommands {
    private final NodeViews views;
    private final NodeApprovals approvals;
    private final NodeEvents events;
    private final NodeRegistry nodes;
    private final NodeInvokeMethod invoke;

    /** Component property type for Gogo's {@code osgi.command.*} properties. */
    @org.osgi.service.component.annotations.ComponentPropertyType
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @interface Gogo {
        String PREFIX_ = "osgi.command.";

        String scope();

        String[] function();
    }

    @Activate
    public NodeShellCommands(
            @Reference NodeViews views,
            @Reference NodeApprovals approvals,
            @Reference NodeEvents events,
            @Reference NodeRegistry nodes,
            @Reference NodeInvokeMethod invoke) {
        this.invoke = invoke;
        this.views = views;
        this.approvals = approvals;
        this.events = events;
        this.nodes = nodes;
    }

    /** Connected and approved nodes. */
    public String list() {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> n : views.all()) {
            b.append(String.format(
                    "%s  %-20s  %-18s  %s%s%n",
                    n.get("nodeId"),
                    n.get("displayName"),
                    n.get("approvalState"),
                    n.get("commands"),
                    Boolean.TRUE.equals(n.get("connected")) ? "  (connected)" : ""));
        }
        return b.toString();
    }

    /** Pending command-surface requests. */
    public String pending() {
        StringBuilder b = new StringBuilder();
        approvals
                .pending()
                .forEach(p -> b.append(String.format(
                        "%s  %s  %-20s  %s%n", p.requestId(), p.nodeId(), p.displayName(), p.commands())));
        return b.toString();
    }

    /** Approves a pending command surface (the shell is an administrator's console). */
    public String approve(String requestId) {
        return approvals
                .approve(requestId)
                .map(a -> {
                    events.resolved(
                            requestId,
                            a.nodeId(),
                            "approved",
                            nodes.live(a.nodeId())
                                    .map(l -> l.connection().connectionId())
                                    .orElse(null));
                    return "approved " + a.nodeId() + " " + a.commands();
                })
                .orElse("no pending request " + requestId);
    }

    /** One node as {@code node.describe} shows it (JSON). */
    public String describe(String nodeId) {
        return views.row(nodeId).map(NodeShellCommands::json).orElse("unknown nodeId " + nodeId);
    }

    /** Invokes a command without params and prints the node's answer (JSON) or the error. */
    public String invoke(String nodeId, String command) {
        return invoke(nodeId, command, null);
    }

    /** Invokes a command with params given as a JSON object and prints the node's answer (JSON) or the error. */
    public String invoke(String nodeId, String command, String paramsJson) {
        Map<String, JsonValue> p = new LinkedHashMap<>();
        p.put("nodeId", new JsonValue.JsonString(nodeId));
        p.put("command", new JsonValue.JsonString(command));
        p.put("idempotencyKey", new JsonValue.JsonString("gogo-" + UUID.randomUUID()));
        if (paramsJson != null && !paramsJson.isBlank()) {
            try {
                p.put("params", Trees.fromNode(InvokeRouter.JSON.readTree(paramsJson)));
            } catch (RuntimeException notJson) {
                return "params are not valid JSON: " + notJson.getMessage();
            }
        }
        ShellCall call = new ShellCall();
        try {
            invoke.invoke(new JsonValue.JsonObject(p), Set.of(Scopes.ADMIN), call, budget -> {});
            return json(call.outcome().get(NodeInvokeMethod.DEFAULT_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS));
        } catch (GatewayException e) {
            return error(e);
        } catch (ExecutionException e) {
            return e.getCause() instanceof GatewayException g ? error(g) : "failed: " + e.getCause();
        } catch (TimeoutException e) {
            return "no answer within " + (NodeInvokeMethod.DEFAULT_TIMEOUT_MS + 5_000) + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String error(GatewayException e) {
        return e.code() + ": " + e.getMessage() + (e.details() == null ? "" : " " + json(e.details()));
    }

    private static String json(Object value) {
        return InvokeRouter.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    public String reject(String requestId) {
        return approvals
                .reject(requestId)
                .map(p -> {
                    events.resolved(requestId, p.nodeId(), "rejected", null);
                    return "rejected " + requestId;
                })
                .orElse("no pending request " + requestId);
    }
}
