package dev.talon.node.protocol.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo commands: {@code node:list}, {@code node:pending}, {@code node:approve <requestId>}, {@code node:reject <requestId>}. */
@Component(service = NodeShellCommands.class)
@NodeShellCommands.Gogo(
        scope = "node",
        function = {"list", "pending", "approve", "reject"})
public final class NodeShellCommands {
    private final NodeViews views;
    private final NodeApprovals approvals;
    private final NodeEvents events;
    private final NodeRegistry nodes;

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
            @Reference NodeRegistry nodes) {
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
