package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.ConnectionObserver;
import dev.talon.gateway.api.GatewayConnections.ConnectionInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The connected nodes (node id = device id) and their effective commands: declared ∩ approved surface
 * (protocol §3.2). A connect that declares more than its approved surface creates (or keeps) a pending
 * request; one that declares no more clears a stale request. Connects and disconnects arrive in order
 * from the gateway's observer thread.
 */
@Component(service = {NodeRegistry.class, ConnectionObserver.class})
public final class NodeRegistry implements ConnectionObserver {

    /** A connected node. */
    public record Live(String nodeId, ConnectionInfo connection, long connectedAtMs, Object hostStats) {}

    private final NodeApprovals approvals;
    private final NodeEvents events;
    private final InvokeRouter router;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<String, Long> lastDisconnected = new ConcurrentHashMap<>();

    @Activate
    public NodeRegistry(
            @Reference NodeApprovals approvals, @Reference NodeEvents events, @Reference InvokeRouter router) {
        this.approvals = approvals;
        this.events = events;
        this.router = router;
    }

    @Override
    public void connected(ConnectionInfo c) {
        String nodeId = c.client().deviceId();
        if (!"node".equals(c.role()) || nodeId == null) {
            return;
        }
        live.put(nodeId, new Live(nodeId, c, System.currentTimeMillis(), null));
        List<String> declared = c.client().surface().commands();
        List<String> approvedCommands =
                approvals.approved(nodeId).map(NodeApprovals.Approved::commands).orElse(List.of());
        if (approvedCommands.containsAll(declared) && approvals.approved(nodeId).isPresent()) {
            approvals.clearPending(nodeId).ifPresent(p -> events.resolved(p.requestId(), nodeId, "rejected", null));
            return;
        }
        var surface = c.client().surface();
        var r = approvals.request(new NodeApprovals.Pending(
                "",
                nodeId,
                displayName(c),
                c.client().platform(),
                c.client().version(),
                c.client().deviceFamily(),
                surface.caps(),
                declared,
                surface.permissions(),
                c.client().remoteAddress(),
                false,
                System.currentTimeMillis()));
        if (r.getValue()) {
            events.requested(r.getKey());
        }
    }

    @Override
    public void disconnected(ConnectionInfo c) {
        String nodeId = c.client().deviceId();
        if (nodeId == null || !"node".equals(c.role())) {
            return;
        }
        Live l = live.get(nodeId);
        if (l != null && l.connection().connectionId().equals(c.connectionId())) {
            live.remove(nodeId, l); // a reconnect may already have replaced it
            lastDisconnected.put(nodeId, System.currentTimeMillis());
        }
        router.nodeGone(nodeId, c.connectionId());
    }

    public Optional<Live> live(String nodeId) {
        return Optional.ofNullable(live.get(nodeId));
    }

    public List<Live> allLive() {
        return List.copyOf(live.values());
    }

    /** Commands the node may run now: what it declared and its approval covers. */
    public List<String> effectiveCommands(String nodeId) {
        Live l = live.get(nodeId);
        List<String> approved =
                approvals.approved(nodeId).map(NodeApprovals.Approved::commands).orElse(List.of());
        return l == null
                ? approved
                : l.connection().client().surface().commands().stream()
                        .filter(approved::contains)
                        .toList();
    }

    /** Records host stats from {@code node.event node.host.stats}. */
    public void hostStats(String nodeId, Object stats) {
        live.computeIfPresent(nodeId, (k, l) -> new Live(l.nodeId(), l.connection(), l.connectedAtMs(), stats));
    }

    public Long lastDisconnectedAt(String nodeId) {
        return lastDisconnected.get(nodeId);
    }

    static String displayName(ConnectionInfo c) {
        return c.client().displayName() != null
                ? c.client().displayName()
                : c.client().id();
    }
}
