package dev.talon.gateway.api;

/**
 * What the gateway knows about the connection a call arrived on, as declared in its {@code connect}
 * request and observed by the server.
 *
 * @param id the declared {@code client.id}, e.g. {@code cli}
 * @param mode the declared {@code client.mode}, e.g. {@code cli}, {@code ui}, {@code node}
 * @param version the declared client version
 * @param platform the declared platform
 * @param displayName the declared display name, or null
 * @param instanceId the declared instance id, or null
 * @param remoteAddress the peer's IP address as observed by the server
 * @param loopback whether the peer connected directly over loopback (no forwarding headers)
 */
public record ClientInfo(
        String id,
        String mode,
        String version,
        String platform,
        String displayName,
        String instanceId,
        String remoteAddress,
        boolean loopback) {}
