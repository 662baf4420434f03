package dev.talon.gateway.core.internal.server;

import dev.talon.gateway.api.GatewayEvent;
import dev.talon.gateway.api.RequireGatewayCore;
import dev.talon.gateway.core.internal.config.GatewayConfig;
import dev.talon.gateway.core.internal.config.GatewaySettings;
import dev.talon.gateway.core.internal.config.TalonConfigLoader;
import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.conn.ConnectionHub;
import dev.talon.gateway.core.internal.health.HealthMonitor;
import dev.talon.gateway.core.internal.http.HttpRouteRegistry;
import dev.talon.gateway.core.internal.pairing.PairingEvents;
import dev.talon.gateway.core.internal.pairing.PairingStore;
import dev.talon.gateway.core.internal.presence.PresenceTracker;
import dev.talon.gateway.core.internal.protocol.HelloContributors;
import dev.talon.gateway.core.internal.registry.MethodRegistryImpl;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import dev.talon.gateway.core.internal.runtime.Metrics;
import dev.talon.gateway.core.internal.runtime.Workers;
import dev.talon.gateway.core.internal.security.AuthRateLimiter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: owns the listener, the tick and keepalive timers, and applies configuration changes live.
 *
 * <p>Immediate because nothing references it: it exists to serve the network. It requires its configuration
 * so it starts exactly once, with the values from {@code talon.json}, env and flags.
 */
@Component(
        service = GatewayServer.class,
        immediate = true,
        configurationPid = GatewayConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GatewayConfig.class)
@Capability(namespace = "osgi.implementation", name = RequireGatewayCore.IMPLEMENTATION, version = "1.0.0")
public final class GatewayServer {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** WebSocket ping cadence; Jetty's idle timeout (3x) ends connections whose peer stopped answering. */
    static final long PING_MS = 15_000;
    /** System property: exit the process when the first bind fails (the launcher sets it). */
    static final String EXIT_ON_BIND_FAILURE = "talon.exitOnBindFailure";
    /** Exit status after a failed first bind (EX_CONFIG). */
    static final int EXIT_BIND_FAILED = 78;

    private final GatewayContext ctx;
    private final Listener listener;
    private final Workers workers;
    private volatile GatewaySettings settings;
    private volatile boolean autoApproveLocal;
    /** Guarded by this. */
    private JettyListener jetty;
    /** Guarded by this. */
    private ScheduledFuture<?> tick;

    private final ScheduledFuture<?> keepalive;

    @Activate
    public GatewayServer(
            @Reference MethodRegistryImpl registry,
            @Reference ConnectionHub hub,
            @Reference PresenceTracker presence,
            @Reference HealthMonitor health,
            @Reference Workers workers,
            @Reference TalonConfigLoader config,
            @Reference PairingStore pairing,
            @Reference PairingEvents pairingEvents,
            @Reference HttpRouteRegistry httpRoutes,
            @Reference HelloContributors helloContributors,
            GatewayConfig cfg) {
        this.workers = workers;
        this.settings = GatewaySettings.from(cfg);
        this.autoApproveLocal = cfg.nodes_pairing_autoApproveLocal();
        this.ctx = new GatewayContext(
                () -> settings,
                registry,
                hub,
                presence,
                health,
                workers,
                new Metrics(),
                config,
                UUID.randomUUID().toString(),
                pairing,
                pairingEvents,
                () -> autoApproveLocal,
                httpRoutes,
                helloContributors,
                new AuthRateLimiter(() -> settings.security().rateLimit(), System::currentTimeMillis));
        this.listener = new Listener(ctx);
        this.keepalive = workers.timers().scheduleAtFixedRate(this::ping, PING_MS, PING_MS, TimeUnit.MILLISECONDS);
        synchronized (this) {
            startListener(settings);
            scheduleTick(settings.tickIntervalMs());
            if (jetty == null && Boolean.getBoolean(EXIT_ON_BIND_FAILURE)) {
                exitProcess();
            }
        }
    }

    /**
     * Ends the daemon after its first bind failed (set by the launcher, never in embedded use or tests):
     * from a separate thread, because the JVM's shutdown hook stops the framework, which waits for SCR.
     */
    private static void exitProcess() {
        LOG.error("Exiting: the gateway could not open its listener (exit status {})", EXIT_BIND_FAILED);
        Thread t = new Thread(() -> System.exit(EXIT_BIND_FAILED), "talon-exit");
        t.setDaemon(true);
        t.start();
    }

    @Modified
    void modified(GatewayConfig cfg) {
        GatewaySettings next;
        try {
            next = GatewaySettings.from(cfg);
        } catch (IllegalArgumentException e) {
            LOG.warn("Configuration rejected, keeping the running settings: {}", e.getMessage());
            return;
        }
        GatewaySettings previous = settings;
        settings = next;
        autoApproveLocal = cfg.nodes_pairing_autoApproveLocal();
        synchronized (this) {
            if (next.listenerDiffers(previous)) {
                LOG.info(
                        "Listener moves from {}:{} to {}:{}",
                        previous.host(),
                        previous.port(),
                        next.host(),
                        next.port());
                stopListener("gateway restarting", 1_500L);
                startListener(next);
            } else if (next.authDiffers(previous)) {
                listener.invalidateSharedSecretSessions();
            }
            if (next.tickIntervalMs() != previous.tickIntervalMs()) {
                scheduleTick(next.tickIntervalMs());
            }
        }
        LOG.info("Settings applied: {}", next);
    }

    @Deactivate
    synchronized void deactivate() {
        keepalive.cancel(false);
        if (tick != null) {
            tick.cancel(false);
        }
        stopListener("gateway stopping", null);
        listener.close();
    }

    /** The metrics of this gateway instance. */
    public Metrics metrics() {
        return ctx.metrics();
    }

    /** The settings in force. */
    public GatewaySettings settings() {
        return settings;
    }

    /** Whether the listener is accepting connections. */
    public synchronized boolean listening() {
        return jetty != null && jetty.isRunning();
    }

    /** Guarded by this. A bind failure is logged and leaves the gateway without a listener until the next change. */
    private void startListener(GatewaySettings s) {
        JettyListener j = new JettyListener(ctx, listener);
        try {
            j.start(s.host(), s.port());
            jetty = j;
            LOG.info(
                    "Talon gateway listening on ws://{}:{} (auth {})",
                    hostForUrl(s.host()),
                    j.port(),
                    s.authMode().wireName());
        } catch (Exception e) {
            jetty = null;
            LOG.error(
                    "Cannot listen on {}:{}: {}. Change gateway.port/gateway.bind or stop the other process.",
                    s.host(),
                    s.port(),
                    e.getMessage());
            j.stopQuietly();
        }
    }

    /** Guarded by this. Broadcasts {@code shutdown}, closes every connection with 1012, stops Jetty. */
    private void stopListener(String reason, Long restartExpectedMs) {
        if (jetty == null) {
            return;
        }
        Map<String, Object> payload = restartExpectedMs == null
                ? Map.of("reason", reason)
                : Map.of("reason", reason, "restartExpectedMs", restartExpectedMs);
        ctx.hub().publish(GatewayEvent.of("shutdown", payload));
        listener.closeAll(1012, "service restart");
        jetty.stopQuietly();
        jetty = null;
    }

    /** Guarded by this. */
    private void scheduleTick(long intervalMs) {
        if (tick != null) {
            tick.cancel(false);
        }
        tick = workers.timers()
                .scheduleAtFixedRate(
                        () -> ctx.hub().publish(GatewayEvent.of("tick", Map.of("ts", System.currentTimeMillis()))),
                        intervalMs,
                        intervalMs,
                        TimeUnit.MILLISECONDS);
    }

    private void ping() {
        for (Connection c : ctx.hub().all()) {
            c.ping();
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
