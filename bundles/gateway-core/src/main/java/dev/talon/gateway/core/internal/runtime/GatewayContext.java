package dev.talon.gateway.core.internal.runtime;

import dev.talon.gateway.core.internal.config.GatewaySettings;
import dev.talon.gateway.core.internal.config.TalonConfigLoader;
import dev.talon.gateway.core.internal.conn.ConnectionHub;
import dev.talon.gateway.core.internal.health.HealthMonitor;
import dev.talon.gateway.core.internal.http.HttpRouteRegistry;
import dev.talon.gateway.core.internal.pairing.PairingEvents;
import dev.talon.gateway.core.internal.pairing.PairingStore;
import dev.talon.gateway.core.internal.presence.PresenceTracker;
import dev.talon.gateway.core.internal.protocol.HelloContributors;
import dev.talon.gateway.core.internal.registry.MethodRegistryImpl;
import dev.talon.gateway.core.internal.security.AuthRateLimiter;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the protocol classes need from the running gateway, handed to them by the server component.
 *
 * @param settings the current settings (swapped atomically on reconfiguration)
 * @param registry the method registry
 * @param hub connections and event fan-out
 * @param presence presence entries
 * @param health health snapshots and readiness
 * @param workers worker and timer pools
 * @param metrics counters
 * @param config the config loader (paths, state)
 * @param bootId random id of this gateway process start
 * @param pairing paired devices, pending requests, device tokens
 * @param pairingEvents pairing event publisher
 * @param autoApproveLocal {@code gateway.nodes.pairing.autoApproveLocal}, live
 * @param httpRoutes contributed HTTP routes
 * @param helloContributors contributed {@code hello-ok} entries
 * @param authRateLimiter auth failure throttling, shared by the WebSocket handshake and HTTP Bearer auth
 */
public record GatewayContext(
        Supplier<GatewaySettings> settings,
        MethodRegistryImpl registry,
        ConnectionHub hub,
        PresenceTracker presence,
        HealthMonitor health,
        Workers workers,
        Metrics metrics,
        TalonConfigLoader config,
        String bootId,
        PairingStore pairing,
        PairingEvents pairingEvents,
        BooleanSupplier autoApproveLocal,
        HttpRouteRegistry httpRoutes,
        HelloContributors helloContributors,
        AuthRateLimiter authRateLimiter) {

    /** Protocol constants advertised in {@code hello-ok.policy}. */
    public static final int PROTOCOL_VERSION = 4;

    public static final int MIN_NODE_PROTOCOL = 3;
    public static final long MAX_PREAUTH_PAYLOAD = 65_536;
    public static final long MAX_PAYLOAD = 26_214_400;
    public static final long MAX_BUFFERED_BYTES = 52_428_800;
    public static final long HANDSHAKE_TIMEOUT_MS = 15_000;
}
