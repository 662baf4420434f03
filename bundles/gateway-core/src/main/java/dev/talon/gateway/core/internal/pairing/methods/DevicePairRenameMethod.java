package dev.talon.gateway.core.internal.pairing.methods;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.pairing.PairingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code device.pair.rename {deviceId, label}}: sets the operator label (1..64 characters). */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "device.pair.rename", scope = Scopes.PAIRING)
public final class DevicePairRenameMethod implements MethodHandler {
    private final PairingStore store;
    private final PairingSupport support;

    @Activate
    public DevicePairRenameMethod(@Reference PairingStore store, @Reference PairingSupport support) {
        this.store = store;
        this.support = support;
    }

    @Override
    public void handle(MethodCall call) {
        String deviceId = PairingSupport.required(call, "deviceId");
        String label = PairingSupport.required(call, "label").trim();
        if (label.length() > 64) {
            throw GatewayException.invalidRequest(
                    "invalid device.pair.rename params: label must be 1 to 64 characters");
        }
        call.respond(support.summary(
                store.rename(deviceId, label).orElseThrow(() -> GatewayException.invalidRequest("unknown deviceId"))));
    }
}
