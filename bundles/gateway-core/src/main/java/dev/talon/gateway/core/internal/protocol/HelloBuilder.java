package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.health.HealthMonitor;
import dev.talon.gateway.core.internal.pairing.PairingRecords.DeviceToken;
import dev.talon.gateway.core.internal.presence.GatewayVersion;
import dev.talon.gateway.core.internal.registry.MethodRegistryImpl;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code hello-ok} payload (protocol §1.4.4) from live registry, presence and health state. */
public final class HelloBuilder {
    private HelloBuilder() {}

    /**
     * @param token the device token to hand out, or null for device-less connections
     * @param httpBaseUrl the gateway's HTTP base URL as this client reached it
     */
    public static Map<String, Object> build(
            GatewayContext ctx, Principal p, String connId, DeviceToken token, String httpBaseUrl) {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello-ok");
        hello.put("protocol", GatewayContext.PROTOCOL_VERSION);
        hello.put("server", Map.of("version", GatewayVersion.get(), "bootId", ctx.bootId(), "connId", connId));
        MethodRegistryImpl.Table table = ctx.registry().table();
        hello.put("features", Map.of("methods", table.methods(), "events", table.events(), "capabilities", List.of()));
        hello.put("snapshot", snapshot(ctx, p));
        Map<String, String> surfaces = ctx.helloContributors().pluginSurfaceUrls(p, connId, httpBaseUrl);
        if (!surfaces.isEmpty()) {
            hello.put("pluginSurfaceUrls", surfaces);
        }
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("method", p.authMethod());
        auth.put("role", p.role());
        auth.put("scopes", List.copyOf(p.scopes()));
        if (token != null) {
            auth.put("deviceToken", token.token());
            auth.put("issuedAtMs", token.issuedAtMs());
        }
        hello.put("auth", auth);
        hello.put(
                "policy",
                Map.of(
                        "maxPayload",
                        GatewayContext.MAX_PAYLOAD,
                        "maxBufferedBytes",
                        GatewayContext.MAX_BUFFERED_BYTES,
                        "tickIntervalMs",
                        ctx.settings().get().tickIntervalMs(),
                        "attachments",
                        Map.of("maxBytes", 20_971_520, "maxImageBytes", 6_291_456)));
        return hello;
    }

    private static Map<String, Object> snapshot(GatewayContext ctx, Principal p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("presence", ctx.presence().list());
        s.put("health", ctx.health().cached());
        s.put("stateVersion", ctx.hub().stateVersion());
        s.put("uptimeMs", HealthMonitor.uptimeMs());
        s.put("suspension", Map.of("phase", "accepting"));
        s.put(
                "sessionDefaults",
                Map.of(
                        "defaultAgentId",
                        "main",
                        "mainKey",
                        "main",
                        "mainSessionKey",
                        "agent:main:main",
                        "scope",
                        "per-sender"));
        if (p.scopes().contains(Scopes.ADMIN)) {
            s.put("configPath", ctx.config().configFile().toString());
            s.put("stateDir", ctx.config().stateDir().toString());
            s.put("authMode", ctx.settings().get().authMode().wireName());
        }
        return s;
    }
}
