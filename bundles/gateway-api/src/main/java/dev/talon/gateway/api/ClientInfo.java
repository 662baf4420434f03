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
 * @param deviceId the verified device id (the node id for nodes), or null for device-less clients
 * @param deviceFamily the declared device family, or null
 * @param surface what a node declared it can do (empty for operators)
 */
public record ClientInfo(
        String id,
        String mode,
        String version,
        String platform,
        String displayName,
        String instanceId,
        String remoteAddress,
        boolean loopback,
        String deviceId,
        String deviceFamily,
        NodeSurface surface) {

    /** A client without device or node surface (tests, device-less operators). */
    public ClientInfo(
            String id,
            String mode,
            String version,
            String platform,
            String displayName,
            String instanceId,
            String remoteAddress,
            boolean loopback) {
        this(
                id,
                mode,
                version,
                platform,
                displayName,
                instanceId,
                remoteAddress,
                loopback,
                null,
                null,
                NodeSurface.NONE);
    }
}
