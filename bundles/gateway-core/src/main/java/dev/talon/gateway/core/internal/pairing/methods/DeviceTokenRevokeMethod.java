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

/**
 * {@code device.token.revoke {deviceId, role}}: the role's token never works again; sessions that
 * authenticated with it are closed (4001). A connect racing the revocation is re-checked after its
 * {@code hello-ok} and closed too.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "device.token.revoke", scope = Scopes.PAIRING)
public final class DeviceTokenRevokeMethod implements MethodHandler {
    private final PairingStore store;
    private final PairingSupport support;

    @Activate
    public DeviceTokenRevokeMethod(@Reference PairingStore store, @Reference PairingSupport support) {
        this.store = store;
        this.support = support;
    }

    @Override
    public void handle(MethodCall call) {
        String deviceId = PairingSupport.required(call, "deviceId");
        String role = PairingSupport.required(call, "role");
        PairingSupport.requireAdminForRole(call.scopes(), role);
        if (!store.revoke(deviceId, role)) {
            throw GatewayException.invalidRequest("no token for that device and role");
        }
        int closed = support.disconnect(
                deviceId,
                p -> role.equals(p.role()) && "device-token".equals(p.authMethod()),
                "client invalidated: device token revoked");
        call.respond(Map.of("deviceId", deviceId, "role", role, "revoked", true, "disconnected", closed));
    }
}
