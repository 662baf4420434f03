package dev.talon.gateway.core.internal.pairing;

import dev.talon.gateway.api.DevicePairing;
import dev.talon.gateway.core.internal.conn.ConnectionHub;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PairedDevice;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link DevicePairing} over the pairing store, publishing the same events as the wire methods. */
@Component(service = DevicePairing.class)
public final class DevicePairingImpl implements DevicePairing {
    private final PairingStore store;
    private final PairingEvents events;
    private final ConnectionHub hub;

    @Activate
    public DevicePairingImpl(
            @Reference PairingStore store, @Reference PairingEvents events, @Reference ConnectionHub hub) {
        this.store = store;
        this.events = events;
        this.hub = hub;
    }

    @Override
    public List<Pending> pending() {
        return store.pending().stream()
                .map(r -> new Pending(
                        r.requestId(),
                        r.deviceId(),
                        r.clientId(),
                        r.displayName(),
                        r.role(),
                        r.scopes(),
                        r.remoteIp(),
                        r.ts()))
                .toList();
    }

    @Override
    public List<Paired> paired() {
        return store.paired().stream().map(DevicePairingImpl::paired).toList();
    }

    @Override
    public Optional<Paired> approve(String requestId) {
        Optional<PairedDevice> d = store.approve(requestId);
        d.ifPresent(x -> events.resolved(requestId, x.deviceId(), "approved"));
        return d.map(DevicePairingImpl::paired);
    }

    @Override
    public boolean reject(String requestId) {
        return store.reject(requestId)
                .map(r -> {
                    events.resolved(requestId, r.deviceId(), "rejected");
                    return true;
                })
                .orElse(false);
    }

    @Override
    public boolean revoke(String deviceId, String role) {
        if (!store.revoke(deviceId, role)) {
            return false;
        }
        hub.closeDevice(
                deviceId,
                p -> role.equals(p.role()) && "device-token".equals(p.authMethod()),
                4001,
                "client invalidated: device token revoked");
        return true;
    }

    private static Paired paired(PairedDevice d) {
        String name = d.label() != null ? d.label() : d.displayName() != null ? d.displayName() : d.clientId();
        return new Paired(d.deviceId(), d.clientId(), name, d.roles(), d.scopes(), d.approvedAtMs());
    }
}
