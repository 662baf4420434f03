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
 * @param maxProtocol the highest protocol version the client offered in {@code connect} ({@code maxProtocol}); a
 *     node below {@link #CURRENT_PROTOCOL} was admitted through the N-1 window (protocol §3.1) and must not be
 *     given plugin-owned capabilities, see {@link #legacyProtocol()} (since 1.1)
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
        NodeSurface surface,
        int maxProtocol) {

    /** The gateway's protocol version ({@code hello-ok.protocol}). @since 1.1 */
    public static final int CURRENT_PROTOCOL = 4;

    /** A client on the current protocol. */
    public ClientInfo(
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
        this(
                id,
                mode,
                version,
                platform,
                displayName,
                instanceId,
                remoteAddress,
                loopback,
                deviceId,
                deviceFamily,
                surface,
                CURRENT_PROTOCOL);
    }

    /**
     * Whether the client offered only an older protocol than {@link #CURRENT_PROTOCOL} (a v3 node admitted through
     * the N-1 window). Such a node gets no plugin-owned capabilities (protocol §3.1): no
     * {@code hello-ok.pluginSurfaceUrls}, no plugin surface refresh, no plugin tool catalog, no plugin-owned
     * commands.
     *
     * @since 1.1
     */
    public boolean legacyProtocol() {
        return maxProtocol < CURRENT_PROTOCOL;
    }

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
                NodeSurface.NONE,
                CURRENT_PROTOCOL);
    }
}
