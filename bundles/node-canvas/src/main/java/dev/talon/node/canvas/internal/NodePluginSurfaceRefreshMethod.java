package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code node.pluginSurface.refresh {surface, observedUrl?}} (protocol §3.6): a fresh capability URL for the
 * calling node's canvas surface, {@code {surface, pluginSurfaceUrls:{canvas:url}, expiresAtMs}}. Older
 * capabilities stay valid until they expire, so a loaded page keeps working. A node admitted through the v3
 * window gets {@code INVALID_REQUEST "unauthorized role: node"}: plugin capabilities are withheld (§3.1).
 */
@Component(service = MethodHandler.class)
@GatewayMethod(
        name = "node.pluginSurface.refresh",
        scope = Scopes.NODE,
        params_schema = "/schema/node.pluginSurface.refresh.json")
public final class NodePluginSurfaceRefreshMethod implements MethodHandler {
    private final CanvasHost host;

    @Activate
    public NodePluginSurfaceRefreshMethod(@Reference CanvasHost host) {
        this.host = host;
    }

    @Override
    public void handle(MethodCall call) {
        String surface = call.paramsObject().string("surface").orElse("");
        if (!CanvasHost.SURFACE.equals(surface)) {
            throw GatewayException.invalidRequest("unknown plugin surface: " + surface);
        }
        if (call.client().legacyProtocol()) {
            throw GatewayException.invalidRequest("unauthorized role: node"); // v3 window (§3.1, §3.6)
        }
        if (!host.enabled()) {
            throw GatewayException.invalidRequest("plugin surface disabled: " + surface);
        }
        if (!CanvasSurface.canvasCapable(call.client())) {
            throw GatewayException.invalidRequest("plugin surface not declared by this node: " + surface);
        }
        CanvasHost.SurfaceUrl minted = host.mint(call.httpBaseUrl(), call.connectionId());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("surface", surface);
        result.put("pluginSurfaceUrls", Map.of(surface, minted.url()));
        result.put("expiresAtMs", minted.expiresAtMs());
        call.respond(result);
    }
}
