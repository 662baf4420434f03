package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.ConnectionObserver;
import dev.talon.gateway.api.GatewayConnections.ConnectionInfo;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.MethodCall;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * A connected node.
     *
     * @param reported what the node reported on this connection, by KnownNode field ({@code hostStats},
     *     {@code nodePluginTools}, {@code lastActiveAtMs}, ...); immutable, replaced on every report
     */
    public record Live(String nodeId, ConnectionInfo connection, long connectedAtMs, Map<String, Object> reported) {}

    private final NodeApprovals approvals;
    private final NodeEvents events;
    private final InvokeRouter router;
    private final ExecRuns execRuns;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<String, Long> lastDisconnected = new ConcurrentHashMap<>();
    /** Recently closed node connections, so that a call still in flight never registers one again. */
    private final Set<String> closed = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 1024;
        }
    }));

    @Activate
    public NodeRegistry(
            @Reference NodeApprovals approvals,
            @Reference NodeEvents events,
            @Reference InvokeRouter router,
            @Reference ExecRuns execRuns) {
        this.approvals = approvals;
        this.events = events;
        this.router = router;
        this.execRuns = execRuns;
    }

    @Override
    public void connected(ConnectionInfo c) {
        String nodeId = c.client().deviceId();
        if (!"node".equals(c.role()) || nodeId == null) {
            return;
        }
        Live fresh = new Live(nodeId, c, System.currentTimeMillis(), Map.of());
        Live[] previous = {null};
        boolean[] known = {false};
        live.compute(nodeId, (k, old) -> {
            known[0] = old != null && old.connection().connectionId().equals(c.connectionId());
            previous[0] = old;
            return known[0] ? old : fresh;
        });
        if (known[0]) {
            return; // registered already by its first call (see registerCaller)
        }
        if (previous[0] != null) {
            execRuns.connectionGone(previous[0].connection().connectionId()); // a replaced session loses its runs
        }
        // private worker controls are never part of an approvable surface (protocol §3.7)
        List<String> declared = c.client().surface().commands().stream()
                .filter(cmd -> !CommandPolicy.isPrivate(cmd))
                .toList();
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
        closed.add(c.connectionId());
        router.nodeGone(nodeId, c.connectionId());
        execRuns.connectionGone(c.connectionId());
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

    /**
     * Records KnownNode fields a node reported on connection {@code connectionId} (a {@code null} value removes
     * the field).
     *
     * @return false when that connection is no longer the node's current one (stale)
     */
    public boolean report(String nodeId, String connectionId, Map<String, Object> fields) {
        boolean[] current = {false};
        live.computeIfPresent(nodeId, (k, l) -> {
            if (!l.connection().connectionId().equals(connectionId)) {
                return l;
            }
            current[0] = true;
            Map<String, Object> merged = new java.util.LinkedHashMap<>(l.reported());
            fields.forEach((key, v) -> {
                if (v == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, v);
                }
            });
            return new Live(l.nodeId(), l.connection(), l.connectedAtMs(), Collections.unmodifiableMap(merged));
        });
        return current[0];
    }

    /**
     * Registers the node connection a node-role call came from, if the gateway's connect notification (which
     * arrives asynchronously after {@code hello-ok}) has not done so yet: a node host reports right after its
     * hello. Idempotent per connection.
     */
    public void registerCaller(MethodCall call) {
        if ("node".equals(call.role()) && call.client().deviceId() != null && !closed.contains(call.connectionId())) {
            connected(new ConnectionInfo(
                    call.connectionId(), call.role(), call.scopes(), call.client(), System.currentTimeMillis(), 0, 0));
        }
    }

    /**
     * Stores what a node-role call reported ({@code param} of its params, or all of them when null) as
     * {@code field} of the caller's node connection.
     *
     * @return the answer {@code {nodeId, <param>: value}}
     * @throws GatewayException {@code INVALID_REQUEST "unknown nodeId"} when the caller is not a connected node
     */
    public Map<String, Object> reportFromCall(MethodCall call, String field, String param) {
        registerCaller(call);
        String nodeId = call.client().deviceId();
        Object value = param == null
                ? Trees.toNode(call.params())
                : call.paramsObject().get(param).map(Trees::toNode).orElse(null);
        if (nodeId == null || value == null || !report(nodeId, call.connectionId(), Map.of(field, value))) {
            throw GatewayException.invalidRequest("unknown nodeId");
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("nodeId", nodeId);
        if (param != null) {
            out.put(param, value);
        }
        return out;
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
