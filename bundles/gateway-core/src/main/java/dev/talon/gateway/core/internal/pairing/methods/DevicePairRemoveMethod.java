package dev.talon.gateway.core.internal.pairing.methods;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.pairing.PairingStore;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code device.pair.remove {deviceId}}: unpairs the device and closes its sessions (4001). */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "device.pair.remove", scope = Scopes.PAIRING)
public final class DevicePairRemoveMethod implements MethodHandler {
    private final PairingStore store;
    private final PairingSupport support;

    @Activate
    public DevicePairRemoveMethod(@Reference PairingStore store, @Reference PairingSupport support) {
        this.store = store;
        this.support = support;
    }

    @Override
    public void handle(MethodCall call) {
        String deviceId = PairingSupport.required(call, "deviceId");
        if (!store.remove(deviceId)) {
            throw GatewayException.invalidRequest("unknown deviceId");
        }
        int closed = support.disconnect(deviceId, p -> true, "client invalidated: device removed");
        call.respond(Map.of("deviceId", deviceId, "removed", true, "disconnected", closed));
    }
}
