package dev.talon.gateway.core.internal.pairing.methods;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.pairing.PairingEvents;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PairedDevice;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PendingRequest;
import dev.talon.gateway.core.internal.pairing.PairingStore;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code device.pair.approve {requestId}}: pairs the device. The caller must hold every scope the request
 * asks for (approving an admin device needs admin; a non-operator role needs admin too).
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "device.pair.approve", scope = Scopes.PAIRING)
public final class DevicePairApproveMethod implements MethodHandler {
    private final PairingStore store;
    private final PairingEvents events;
    private final PairingSupport support;

    @Activate
    public DevicePairApproveMethod(
            @Reference PairingStore store, @Reference PairingEvents events, @Reference PairingSupport support) {
        this.store = store;
        this.events = events;
        this.support = support;
    }

    @Override
    public void handle(MethodCall call) {
        String requestId = PairingSupport.required(call, "requestId");
        PendingRequest r = store.pending().stream()
                .filter(p -> p.requestId().equals(requestId))
                .findFirst()
                .orElseThrow(() -> GatewayException.invalidRequest("unknown requestId"));
        PairingSupport.requireCovered(call.scopes(), r.scopes());
        if (!"operator".equals(r.role())) {
            PairingSupport.requireCovered(call.scopes(), java.util.List.of(Scopes.ADMIN));
        }
        PairedDevice d =
                store.approve(requestId).orElseThrow(() -> GatewayException.invalidRequest("unknown requestId"));
        events.resolved(requestId, d.deviceId(), "approved");
        call.respond(Map.of("requestId", requestId, "device", support.summary(d)));
    }
}
