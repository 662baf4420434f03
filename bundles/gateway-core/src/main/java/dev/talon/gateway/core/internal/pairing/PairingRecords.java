package dev.talon.gateway.core.internal.pairing;

import java.util.List;
import java.util.Map;

/** The persisted shapes of the pairing store. Immutable; field names are the protocol's. */
public final class PairingRecords {
    private PairingRecords() {}

    /**
     * A device token for one role of a paired device.
     *
     * @param token 32 random bytes, base64url
     * @param role the role it authenticates
     * @param scopes the scopes it grants
     * @param createdAtMs when it was first issued
     * @param rotatedAtMs when it was last rotated, or null
     */
    public record DeviceToken(String token, String role, List<String> scopes, long createdAtMs, Long rotatedAtMs) {
        public long issuedAtMs() {
            return rotatedAtMs != null ? rotatedAtMs : createdAtMs;
        }
    }

    /** A paired device: its key, pinned metadata, approved roles and scopes, and tokens by role. */
    public record PairedDevice(
            String deviceId,
            String publicKey,
            String displayName,
            String platform,
            String deviceFamily,
            String clientId,
            String clientMode,
            List<String> roles,
            List<String> scopes,
            Map<String, DeviceToken> tokens,
            String remoteIp,
            long createdAtMs,
            long approvedAtMs,
            long lastSeenAtMs,
            String label) {

        public PairedDevice {
            roles = List.copyOf(roles);
            scopes = List.copyOf(scopes);
            tokens = Map.copyOf(tokens);
        }
    }

    /** A pending pairing request (the {@code device.pair.requested} payload). */
    public record PendingRequest(
            String requestId,
            String deviceId,
            String publicKey,
            String displayName,
            String platform,
            String deviceFamily,
            String clientId,
            String clientMode,
            String role,
            List<String> roles,
            List<String> scopes,
            String remoteIp,
            boolean silent,
            boolean isRepair,
            long ts) {

        public PendingRequest {
            roles = List.copyOf(roles);
            scopes = List.copyOf(scopes);
        }

        /** Same device asking for the same thing (then the request id is kept). */
        boolean sameSurface(PendingRequest o) {
            return deviceId.equals(o.deviceId)
                    && publicKey.equals(o.publicKey)
                    && role.equals(o.role)
                    && scopes.equals(o.scopes);
        }
    }

    /** The file's root object. */
    public record StoreFile(int version, Map<String, PairedDevice> devices, Map<String, PendingRequest> pending) {}
}
