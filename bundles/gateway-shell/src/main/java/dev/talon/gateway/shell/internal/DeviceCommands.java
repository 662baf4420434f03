package dev.talon.gateway.shell.internal;

import dev.talon.gateway.api.DevicePairing;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo commands for device pairing: {@code talon:devices}, {@code talon:approve}, {@code talon:reject}, {@code talon:revoke}. */
@Component(service = DeviceCommands.class)
@GogoCommand(
        scope = "talon",
        function = {"devices", "approve", "reject", "revoke"})
public final class DeviceCommands {
    private final DevicePairing pairing;

    @Activate
    public DeviceCommands(@Reference DevicePairing pairing) {
        this.pairing = pairing;
    }

    /** Pending requests and paired devices. */
    public String devices() {
        StringBuilder b = new StringBuilder("PENDING\n");
        pairing.pending()
                .forEach(p -> b.append(String.format(
                        "  %s  %s  %s  %s %s  from %s%n",
                        p.requestId(),
                        p.deviceId().substring(0, 12),
                        p.clientId(),
                        p.role(),
                        p.scopes(),
                        p.remoteIp())));
        b.append("PAIRED\n");
        pairing.paired()
                .forEach(d ->
                        b.append(String.format("  %s  %-20s  %s %s%n", d.deviceId(), d.name(), d.roles(), d.scopes())));
        return b.toString();
    }

    public String approve(String requestId) {
        return pairing.approve(requestId)
                .map(d -> "approved " + d.deviceId() + " (" + d.name() + ")")
                .orElse("no pending request " + requestId);
    }

    public String reject(String requestId) {
        return pairing.reject(requestId) ? "rejected " + requestId : "no pending request " + requestId;
    }

    /** Revokes the operator token of a device. */
    public String revoke(String deviceId) {
        return revoke(deviceId, "operator");
    }

    public String revoke(String deviceId, String role) {
        return pairing.revoke(deviceId, role)
                ? "revoked the " + role + " token of " + deviceId
                : "no " + role + " token for " + deviceId;
    }
}
