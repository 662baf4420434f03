package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.EventPublisher;
import dev.talon.gateway.api.EventSource;
import dev.talon.gateway.api.GatewayEvent;
import dev.talon.gateway.api.GatewayEvents;
import dev.talon.gateway.api.Scopes;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The node events: pairing (to {@code operator.pairing}), host stats and node presence (read), and point-to-point
 * events (invoke requests and cancels to nodes, invoke progress to the operator that invoked).
 */
@Component(service = {NodeEvents.class, EventSource.class})
@GatewayEvents({
    "node.pair.requested",
    "node.pair.resolved",
    "node.invoke.request",
    "node.invoke.cancel",
    "node.hostStats",
    "node.presence",
    "node.invoke.progress"
})
public final class NodeEvents implements EventSource {
    private final EventPublisher publisher;

    @Activate
    public NodeEvents(@Reference EventPublisher publisher) {
        this.publisher = publisher;
    }

    void requested(NodeApprovals.Pending p) {
        publisher.publish(GatewayEvent.of("node.pair.requested", p)
                .guardedBy(Scopes.PAIRING)
                .dropIfSlow());
    }

    void resolved(String requestId, String nodeId, String decision, String nodeConnectionId) {
        Map<String, Object> payload = Map.of(
                "requestId", requestId, "nodeId", nodeId, "decision", decision, "ts", System.currentTimeMillis());
        publisher.publish(GatewayEvent.of("node.pair.resolved", payload).guardedBy(Scopes.PAIRING));
        if (nodeConnectionId != null) {
            publisher.sendTo(nodeConnectionId, "node.pair.resolved", payload); // the host refreshes its inventory
        }
    }

    void hostStats(String nodeId, Object stats) {
        publisher.publish(GatewayEvent.of("node.hostStats", Map.of("nodeId", nodeId, "hostStats", stats))
                .guardedBy(Scopes.READ)
                .dropIfSlow());
    }

    void nodePresence(Map<String, Object> payload) {
        publisher.publish(
                GatewayEvent.of("node.presence", payload).guardedBy(Scopes.READ).dropIfSlow());
    }

    /** Point-to-point to one connection (no seq); false when the connection is gone. */
    boolean sendTo(String connectionId, String event, Object payload) {
        return publisher.sendTo(connectionId, event, payload);
    }
}
