package dev.talon.gateway.core.internal.pairing.methods;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.pairing.PairingRecords.DeviceToken;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PairedDevice;
import dev.talon.gateway.core.internal.pairing.PairingStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code device.token.rotate {deviceId, role, scopes?}}: issues a new token for the role; the old one stops
 * working. The new scopes must be within the device's approved scopes and within the caller's own; a
 * non-operator role needs admin. The token is echoed only to that same device on its device-token session.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "device.token.rotate", scope = Scopes.PAIRING)
public final class DeviceTokenRotateMethod implements MethodHandler {
    private final PairingStore store;
    private final PairingSupport support;

    @Activate
    public DeviceTokenRotateMethod(@Reference PairingStore store, @Reference PairingSupport support) {
        this.store = store;
        this.support = support;
    }

    @Override
    public void handle(MethodCall call) {
        String deviceId = PairingSupport.required(call, "deviceId");
        String role = PairingSupport.required(call, "role");
        PairedDevice d = store.device(deviceId).orElseThrow(() -> GatewayException.invalidRequest("unknown deviceId"));
        PairingSupport.requireAdminForRole(call.scopes(), role);
        List<String> asked = PairingSupport.strings(call, "scopes");
        List<String> scopes = asked != null
                ? asked
                : d.tokens().containsKey(role) ? d.tokens().get(role).scopes() : d.scopes();
        if (!d.scopes().containsAll(scopes)) {
            throw GatewayException.invalidRequest("scopes exceed what the device is approved for");
        }
        PairingSupport.requireCovered(call.scopes(), scopes);
        DeviceToken t = store.rotate(deviceId, role, scopes)
                .orElseThrow(
                        () -> GatewayException.invalidRequest("role " + role + " is not approved for this device"));
        Principal caller = support.caller(call);
        boolean sameDevice = deviceId.equals(caller.deviceId()) && "device-token".equals(caller.authMethod());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deviceId", deviceId);
        result.put("role", role);
        result.put("scopes", t.scopes());
        result.put("rotatedAtMs", t.issuedAtMs());
        if (sameDevice) {
            result.put("token", t.token());
        }
        result.put("tokenDelivery", sameDevice ? "in-band" : "withheld-cross-device");
        call.respond(result);
    }
}
