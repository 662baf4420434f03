package dev.talon.gateway.core.internal.pairing.methods;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.pairing.PairingStore;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code device.pair.list}: {@code {pending, paired}}. A non-admin caller that authenticated with a device
 * token sees only its own device.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "device.pair.list", scope = Scopes.PAIRING)
public final class DevicePairListMethod implements MethodHandler {
    private final PairingStore store;
    private final PairingSupport support;

    @Activate
    public DevicePairListMethod(@Reference PairingStore store, @Reference PairingSupport support) {
        this.store = store;
        this.support = support;
    }

    @Override
    public void handle(MethodCall call) {
        Principal p = support.caller(call);
        boolean own = "device-token".equals(p.authMethod()) && !p.scopes().contains(Scopes.ADMIN);
        call.respond(Map.of(
                "pending",
                        store.pending().stream()
                                .filter(r -> !own || r.deviceId().equals(p.deviceId()))
                                .toList(),
                "paired",
                        store.paired().stream()
                                .filter(d -> !own || d.deviceId().equals(p.deviceId()))
                                .map(support::summary)
                                .toList()));
    }
}
