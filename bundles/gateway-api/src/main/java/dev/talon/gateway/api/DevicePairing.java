package dev.talon.gateway.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Device pairing administration, for local tooling such as shell commands. Provided by the core; the same
 * operations are on the wire as {@code device.pair.*} and {@code device.token.*} (which also enforce the
 * caller's scopes). Every method is thread-safe; changes are durable when the method returns.
 */
@ProviderType
public interface DevicePairing {

    /** Pending pairing requests that have not expired, oldest first. */
    List<Pending> pending();

    /** Paired devices. */
    List<Paired> paired();

    /** Approves a pending request; empty when the request id is unknown or expired. */
    Optional<Paired> approve(String requestId);

    /** Rejects a pending request; false when unknown. */
    boolean reject(String requestId);

    /** Revokes the device's token for {@code role} and closes the sessions that used it; false when none. */
    boolean revoke(String deviceId, String role);

    /**
     * A pending request.
     *
     * @param requestId the id to approve or reject
     * @param deviceId the device id (hex SHA-256 of its public key)
     * @param clientId the declared client id
     * @param displayName the declared display name, or null
     * @param role the requested role
     * @param scopes the requested scopes
     * @param remoteIp where it connected from
     * @param ts when it was requested (epoch ms)
     */
    record Pending(
            String requestId,
            String deviceId,
            String clientId,
            String displayName,
            String role,
            List<String> scopes,
            String remoteIp,
            long ts) {}

    /**
     * A paired device.
     *
     * @param deviceId the device id
     * @param clientId the client id it paired with
     * @param name its label, else its display name, else its client id
     * @param roles approved roles
     * @param scopes approved scopes
     * @param approvedAtMs when it was (last) approved
     */
    record Paired(
            String deviceId,
            String clientId,
            String name,
            List<String> roles,
            List<String> scopes,
            long approvedAtMs) {}
}
