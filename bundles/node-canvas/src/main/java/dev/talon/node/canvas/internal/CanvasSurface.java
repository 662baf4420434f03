package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.ClientInfo;
import dev.talon.gateway.api.ConnectionObserver;
import dev.talon.gateway.api.GatewayConnections.ConnectionInfo;
import dev.talon.gateway.api.HelloContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Hands canvas-capable nodes a capability URL in {@code hello-ok.pluginSurfaceUrls.canvas} and revokes a
 * connection's capabilities when it closes. A node is canvas-capable when it declares the {@code canvas} cap or
 * any {@code canvas.*} command.
 */
@Component(service = {HelloContributor.class, ConnectionObserver.class})
public final class CanvasSurface implements HelloContributor, ConnectionObserver {
    private final CanvasHost host;

    @Activate
    public CanvasSurface(@Reference CanvasHost host) {
        this.host = host;
    }

    @Override
    public void contribute(Hello hello) {
        if ("node".equals(hello.role())
                && host.enabled()
                && !hello.client().legacyProtocol() // plugin-owned: withheld from v3 nodes (§3.1)
                && canvasCapable(hello.client())) {
            hello.pluginSurfaceUrl(
                    CanvasHost.SURFACE,
                    host.mint(hello.httpBaseUrl(), hello.connectionId()).url());
        }
    }

    @Override
    public void connected(ConnectionInfo connection) {
        // capabilities are minted in contribute(), before hello-ok
    }

    @Override
    public void disconnected(ConnectionInfo connection) {
        host.capabilities().revoke(connection.connectionId());
    }

    static boolean canvasCapable(ClientInfo client) {
        return client.surface().caps().contains(CanvasHost.SURFACE)
                || client.surface().commands().stream().anyMatch(c -> c.startsWith("canvas."));
    }
}
