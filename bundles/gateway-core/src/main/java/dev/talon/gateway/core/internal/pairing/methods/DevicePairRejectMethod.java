package dev.talon.gateway.core.internal.pairing.methods;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.pairing.PairingEvents;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PendingRequest;
import dev.talon.gateway.core.internal.pairing.PairingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code device.pair.reject {requestId}}: drops the request; answers the rejected request. */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "device.pair.reject", scope = Scopes.PAIRING)
public final class DevicePairRejectMethod implements MethodHandler {
    private final PairingStore store;
    private final PairingEvents events;

    @Activate
    public DevicePairRejectMethod(@Reference PairingStore store, @Reference PairingEvents events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public void handle(MethodCall call) {
        String requestId = PairingSupport.required(call, "requestId");
        PendingRequest r =
                store.reject(requestId).orElseThrow(() -> GatewayException.invalidRequest("unknown requestId"));
        events.resolved(requestId, r.deviceId(), "rejected");
        call.respond(r);
    }
}
