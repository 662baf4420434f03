package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.ClientInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Builds the protocol's KnownNode rows (§3.3) from live connections and approvals. */
@Component(service = NodeViews.class)
public final class NodeViews {
    /** Reported fields that are part of KnownNode (the others are kept for the gateway's own use). */
    static final java.util.Set<String> VIEW_FIELDS =
            java.util.Set.of("hostStats", "nodePluginTools", "lastActiveAtMs", "presenceUpdatedAtMs");

    private final NodeRegistry nodes;
    private final NodeApprovals approvals;
    private final CommandFamilies families;
    private final NodePolicy policy;

    @Activate
    public NodeViews(
            @Reference NodeRegistry nodes,
            @Reference NodeApprovals approvals,
            @Reference CommandFamilies families,
            @Reference NodePolicy policy) {
        this.nodes = nodes;
        this.approvals = approvals;
        this.families = families;
        this.policy = policy;
    }

    /** Connected or approved nodes, connected first, then by name. */
    public List<Map<String, Object>> all() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        nodes.allLive().forEach(l -> rows.put(l.nodeId(), row(l.nodeId()).orElseThrow()));
        approvals.allApproved().forEach(a -> rows.computeIfAbsent(a.nodeId(), id -> row(id).orElseThrow()));
        List<Map<String, Object>> out = new ArrayList<>(rows.values());
        out.sort(Comparator.comparing((Map<String, Object> m) -> !Boolean.TRUE.equals(m.get("connected")))
                .thenComparing(m -> String.valueOf(m.get("displayName"))));
        return out;
    }

    /** One node, if it is connected or approved. */
    public Optional<Map<String, Object>> row(String nodeId) {
        Optional<NodeRegistry.Live> live = nodes.live(nodeId);
        Optional<NodeApprovals.Approved> approved = approvals.approved(nodeId);
        if (live.isEmpty() && approved.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeId", nodeId);
        live.ifPresent(l -> client(m, l));
        // the approved record's name wins: it is what an operator set with node.rename
        approved.map(NodeApprovals.Approved::displayName).ifPresent(name -> m.put("displayName", name));
        m.put(
                "caps",
                live.map(l -> l.connection().client().surface().caps())
                        .orElse(approved.map(NodeApprovals.Approved::caps).orElse(List.of())));
        m.put("commands", invocable(nodeId, live));
        Optional<NodeApprovals.Pending> pending = approvals.pendingFor(nodeId);
        m.put(
                "approvalState",
                pending.isPresent()
                        ? (approved.isPresent() ? "pending-reapproval" : "pending-approval")
                        : approved.isPresent() ? "approved" : "unapproved");
        pending.ifPresent(p -> m.put("pendingRequestId", p.requestId()));
        approved.ifPresent(a -> m.put("approvedAtMs", a.approvedAtMs()));
        m.put("paired", true); // a node connection is device-paired, or it would not be connected
        m.put("connected", live.isPresent());
        Long lastDisconnected = nodes.lastDisconnectedAt(nodeId);
        if (lastDisconnected != null) {
            m.put("lastDisconnectedAtMs", lastDisconnected);
        }
        lastSeen(m, live, approvals.lastSeen(nodeId));
        return Optional.of(m);
    }

    /**
     * Invocable now: declared, approved, allowed by the command policy and provided by an installed family
     * (offline: the approved commands the policy does not deny). Private worker commands never show.
     */
    private List<String> invocable(String nodeId, Optional<NodeRegistry.Live> live) {
        return nodes.effectiveCommands(nodeId).stream()
                .filter(c -> families.get(c).isPresent())
                .filter(c -> !CommandPolicy.isPrivate(c))
                .filter(c -> live.map(l -> policy.refusal(l.connection().client(), c) == null)
                        .orElse(!policy.current().deny().contains(c)))
                .toList();
    }

    /** {@code lastSeenAtMs}/{@code lastSeenReason}: the live connection, else the latest alive beacon. */
    private static void lastSeen(
            Map<String, Object> m, Optional<NodeRegistry.Live> live, Optional<NodeApprovals.Seen> seen) {
        if (live.isPresent()) {
            long at = live.get().connectedAtMs();
            m.put("lastConnectedAtMs", at);
            Optional<NodeApprovals.Seen> later = seen.filter(s -> s.atMs() > at);
            m.put("lastSeenAtMs", later.map(NodeApprovals.Seen::atMs).orElse(at));
            m.put("lastSeenReason", later.map(NodeApprovals.Seen::reason).orElse("connect"));
        } else {
            seen.ifPresent(s -> {
                m.put("lastSeenAtMs", s.atMs());
                m.put("lastSeenReason", s.reason());
            });
        }
    }

    private static void client(Map<String, Object> m, NodeRegistry.Live l) {
        ClientInfo c = l.connection().client();
        m.put("displayName", NodeRegistry.displayName(l.connection()));
        m.put("platform", c.platform());
        m.put("version", c.version());
        m.put("clientId", c.id());
        m.put("clientMode", c.mode());
        if (c.deviceFamily() != null) {
            m.put("deviceFamily", c.deviceFamily());
        }
        m.put("remoteIp", c.remoteAddress());
        m.put("permissions", c.surface().permissions());
        if (c.surface().pathEnv() != null) {
            m.put("pathEnv", c.surface().pathEnv());
        }
        l.reported().forEach((k, v) -> {
            if (VIEW_FIELDS.contains(k)) {
                m.put(k, v);
            }
        });
        m.put("connectedAtMs", l.connectedAtMs());
    }
}
