package dev.talon.gateway.core.internal.methods;

import dev.talon.gateway.api.GatewayConnections;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.config.TalonConfigLoader;
import dev.talon.gateway.core.internal.health.HealthMonitor;
import dev.talon.gateway.core.internal.presence.GatewayVersion;
import dev.talon.gateway.core.internal.presence.PresenceTracker;
import dev.talon.gateway.core.internal.registry.MethodRegistryImpl;
import dev.talon.gateway.core.internal.server.GatewayServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code status}: the gateway's runtime summary. The protocol's keys (runtime version, heartbeat, channel
 * summary, queued system events, sessions) plus Talon's own section: listener, connections, registry size,
 * bad-input counters and memory. Paths are redacted below {@code operator.admin}. With
 * {@code includeCliProjection:true} (what {@code openclaw status} asks for) it adds {@code cliProjection}, the
 * gateway-side view of agents, update channel and memory plugin that the CLI shows instead of guessing from
 * its own local config.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "status", scope = Scopes.READ)
public final class StatusMethod implements MethodHandler {
    private final GatewayServer server;
    private final MethodRegistryImpl registry;
    private final GatewayConnections connections;
    private final PresenceTracker presence;
    private final TalonConfigLoader config;

    @Activate
    public StatusMethod(
            @Reference GatewayServer server,
            @Reference MethodRegistryImpl registry,
            @Reference GatewayConnections connections,
            @Reference PresenceTracker presence,
            @Reference TalonConfigLoader config) {
        this.server = server;
        this.registry = registry;
        this.connections = connections;
        this.presence = presence;
        this.config = config;
    }

    @Override
    public void handle(MethodCall call) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("runtimeVersion", GatewayVersion.get());
        s.put("heartbeat", Map.of("defaultAgentId", "main", "agents", List.of()));
        s.put("channelSummary", List.of());
        s.put("queuedSystemEvents", presence.queuedSystemEvents());
        s.put("sessions", Map.of("paths", List.of(), "count", 0, "recent", List.of(), "byAgent", List.of()));
        s.put("pid", ProcessHandle.current().pid());
        s.put("uptimeMs", HealthMonitor.uptimeMs());
        if (call.params() instanceof JsonValue.JsonObject p
                && p.bool("includeCliProjection").orElse(false)) {
            s.put("cliProjection", cliProjection());
        }
        s.put("talon", talon(call.scopes().contains(Scopes.ADMIN)));
        call.respond(s);
    }

    /** Talon runs the single default agent {@code main}, has no update channel and no memory plugin. */
    private static Map<String, Object> cliProjection() {
        Map<String, Object> agents = new LinkedHashMap<>();
        agents.put("defaultId", "main");
        agents.put("ownership", "sole");
        agents.put("selectionRequired", false);
        agents.put("rows", List.of(Map.of("id", "main")));
        Map<String, Object> memoryPlugin = new LinkedHashMap<>();
        memoryPlugin.put("enabled", false);
        memoryPlugin.put("slot", null);
        memoryPlugin.put("reason", "no memory plugin");
        Map<String, Object> projection = new LinkedHashMap<>();
        projection.put("agents", agents);
        projection.put("updateChannel", null);
        projection.put("memoryPlugin", memoryPlugin);
        return projection;
    }

    private Map<String, Object> talon(boolean admin) {
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put(
                "listen",
                Map.of(
                        "host",
                        server.settings().host(),
                        "port",
                        server.settings().port(),
                        "listening",
                        server.listening(),
                        "authMode",
                        server.settings().authMode().wireName()));
        t.put("connections", connections.list().size());
        t.put("maxConnections", server.settings().maxConnections());
        t.put("methods", registry.table().methods().size());
        t.put("registryChangeCount", registry.table().changeCount());
        t.put("counters", server.metrics().snapshot());
        t.put("memory", Map.of("heapUsedBytes", rt.totalMemory() - rt.freeMemory(), "heapMaxBytes", rt.maxMemory()));
        t.put("stateDir", admin ? config.stateDir().toString() : "[redacted]");
        t.put("configPath", admin ? config.configFile().toString() : "[redacted]");
        TalonConfigLoader.ConfigState cs = config.state();
        t.put(
                "config",
                cs.lastError() == null || !admin
                        ? Map.of("loaded", cs.loaded())
                        : Map.of("loaded", cs.loaded(), "lastRejection", cs.lastError()));
        return t;
    }
}
