package dev.talon.gateway.core.internal.pairing;

import dev.talon.gateway.api.EventPublisher;
import dev.talon.gateway.api.EventSource;
import dev.talon.gateway.api.GatewayEvent;
import dev.talon.gateway.api.GatewayEvents;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PendingRequest;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Publishes the pairing events to {@code operator.pairing} holders, and advertises them. */
@Component(service = {PairingEvents.class, EventSource.class})
@GatewayEvents({"device.pair.requested", "device.pair.resolved"})
public final class PairingEvents implements EventSource {
    private final EventPublisher publisher;

    @Activate
    public PairingEvents(@Reference EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** {@code device.pair.requested} with the pending request (droppable). */
    public void requested(PendingRequest r) {
        publisher.publish(GatewayEvent.of("device.pair.requested", r)
                .guardedBy(Scopes.PAIRING)
                .dropIfSlow());
    }

    /** {@code device.pair.resolved} {requestId, deviceId, decision, ts}. */
    public void resolved(String requestId, String deviceId, String decision) {
        publisher.publish(GatewayEvent.of(
                        "device.pair.resolved",
                        Map.of(
                                "requestId",
                                requestId,
                                "deviceId",
                                deviceId,
                                "decision",
                                decision,
                                "ts",
                                System.currentTimeMillis()))
                .guardedBy(Scopes.PAIRING));
    }
}
