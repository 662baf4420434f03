package dev.talon.gateway.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Adds entries to the {@code hello-ok} of connections being accepted (whiteboard: register it as a service).
 * Used, for example, to hand a node a capability-scoped URL in {@code hello-ok.pluginSurfaceUrls}.
 *
 * <pre>{@code
 * @Component(service = HelloContributor.class)
 * public final class CanvasHello implements HelloContributor {
 *     @Override
 *     public void contribute(Hello hello) {
 *         if ("node".equals(hello.role())) {
 *             hello.pluginSurfaceUrl("canvas", hello.httpBaseUrl() + "/__openclaw__/cap/" + mint(hello));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> Called on a gateway worker thread during the handshake, after authentication and
 * before {@code hello-ok} is sent, never under a gateway lock; contributors are called in
 * {@code service.ranking} order. Implementations must return quickly and must not block. A throwing
 * contributor is logged at ERROR and skipped; the handshake goes on without its entries.
 */
@ConsumerType
public interface HelloContributor {

    /** Adds this contributor's entries to one {@code hello-ok}. */
    void contribute(Hello hello);

    /** The connection being accepted and the entries it is offered. Valid only during {@code contribute}. */
    @ProviderType
    interface Hello {
        /** The gateway-assigned connection id ({@code hello-ok.server.connId}). */
        String connectionId();

        /** {@code operator} or {@code node}. */
        String role();

        /** What the client declared and the server observed. */
        ClientInfo client();

        /**
         * The base URL of the gateway's HTTP side as this client reached it: scheme, host and port, no trailing
         * slash, e.g. {@code http://127.0.0.1:18789}.
         */
        String httpBaseUrl();

        /** Adds {@code hello-ok.pluginSurfaceUrls.<surface> = url}; a later call for the same surface replaces it. */
        void pluginSurfaceUrl(String surface, String url);
    }
}
