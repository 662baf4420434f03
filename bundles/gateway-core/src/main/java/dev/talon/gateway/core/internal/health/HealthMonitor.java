package dev.talon.gateway.core.internal.health;

import dev.talon.gateway.api.GatewayEvent;
import dev.talon.gateway.core.internal.config.TalonConfigLoader;
import dev.talon.gateway.core.internal.conn.ConnectionHub;
import dev.talon.gateway.core.internal.json.RawJson;
import dev.talon.gateway.core.internal.registry.MethodRegistryImpl;
import dev.talon.gateway.core.internal.runtime.Workers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Builds the protocol's HealthSnapshot, refreshes it every {@value #REFRESH_MS} ms and broadcasts it as the
 * {@code health} event (to every authenticated connection) with a bumped {@code stateVersion.health}.
 */
@Component(service = HealthMonitor.class)
public final class HealthMonitor {
    public static final long REFRESH_MS = 60_000;
    private static final long HEARTBEAT_SECONDS = 1800;

    private final ConnectionHub hub;
    private final MethodRegistryImpl registry;
    private final TalonConfigLoader config;
    private final BundleContext context;
    private final ScheduledFuture<?> refresher;
    private volatile Map<String, Object> cached;
    /** The {@code health} RPC result for {@link #cached}, serialized once per refresh. */
    private volatile RawJson cachedResult;

    @Activate
    public HealthMonitor(
            @Reference ConnectionHub hub,
            @Reference MethodRegistryImpl registry,
            @Reference TalonConfigLoader config,
            @Reference Workers workers,
            BundleContext context) {
        this.hub = hub;
        this.registry = registry;
        this.config = config;
        this.context = context;
        cache(collect());
        this.refresher =
                workers.timers().scheduleAtFixedRate(this::refresh, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        refresher.cancel(false);
    }

    /** The last snapshot (at most {@value #REFRESH_MS} ms old). */
    public Map<String, Object> cached() {
        return cached;
    }

    /** Collects a fresh snapshot, caches it and broadcasts the {@code health} event. */
    public Map<String, Object> refresh() {
        Map<String, Object> fresh = collect();
        cache(fresh);
        hub.publish(GatewayEvent.of("health", fresh).dropIfSlow(), hub.bumpHealth());
        return fresh;
    }

    /** The {@code health} RPC result of the cached snapshot, already serialized. */
    public RawJson cachedResult() {
        return cachedResult;
    }

    /** The {@code health} RPC result: the snapshot plus {@code modelRuntime}. */
    public static Map<String, Object> result(Map<String, Object> snapshot) {
        Map<String, Object> result = new LinkedHashMap<>(snapshot);
        result.put("modelRuntime", Map.of("degraded", false, "pendingAgents", List.of()));
        return result;
    }

    private void cache(Map<String, Object> snapshot) {
        cachedResult = RawJson.of(result(snapshot));
        cached = snapshot;
    }

    /**
     * Process uptime in ms, on the monotonic clock from the process start time the OS reports (read once; without
     * JMX, whose platform beans cost ~100 classes at start-up).
     */
    public static long uptimeMs() {
        return (System.nanoTime() - ProcessStart.NANOS) / 1_000_000;
    }

    private static final class ProcessStart {
        static final long NANOS = System.nanoTime()
                - 1_000_000L
                        * ProcessHandle.current()
                                .info()
                                .startInstant()
                                .map(t -> Math.max(0, System.currentTimeMillis() - t.toEpochMilli()))
                                .orElse(0L);
    }

    /** Readiness: the registry has the core methods and a valid configuration was applied. */
    public List<String> failingReadinessChecks() {
        List<String> failing = new java.util.ArrayList<>();
        if (registry.lookup("health") == null) {
            failing.add("registry");
        }
        if (!config.state().loaded()) {
            failing.add("config");
        }
        return failing;
    }

    private Map<String, Object> collect() {
        long start = System.nanoTime();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("ok", true);
        h.put("ts", System.currentTimeMillis());
        h.put("plugins", Map.of("loaded", contributorBundles(), "errors", List.of(), "unavailable", List.of()));
        h.put("configReload", Map.of("hotReloadStatus", "active"));
        h.put("channels", Map.of());
        h.put("channelOrder", List.of());
        h.put("channelLabels", Map.of());
        h.put("heartbeatSeconds", HEARTBEAT_SECONDS);
        h.put("defaultAgentId", "main");
        h.put("agents", List.of());
        h.put("sessions", Map.of("path", "[redacted]", "count", 0, "recent", List.of()));
        h.put("durationMs", (System.nanoTime() - start) / 1_000_000);
        return java.util.Collections.unmodifiableMap(h);
    }

    /** Symbolic names of active bundles that contribute methods, sorted. */
    private List<String> contributorBundles() {
        return registry.snapshot().methods().stream()
                .map(m -> m.bundleSymbolicName())
                .distinct()
                .sorted()
                .filter(n -> context.getBundles().length > 0 && isActive(n))
                .toList();
    }

    private boolean isActive(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                return true;
            }
        }
        return false;
    }
}
