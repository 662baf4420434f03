package dev.talon.gateway.core.internal.http;

import dev.talon.gateway.api.HttpRoute;
import dev.talon.gateway.core.internal.registry.LazyService;
import dev.talon.gateway.core.internal.registry.ServiceOrigin;
import java.util.Comparator;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * One {@link HttpRoute} registration. Routing comes from service properties; the route instance is obtained
 * lazily on the first request, so a delayed component is activated only when first used.
 */
public final class RouteEntry {
    /** Precedence for the same prefix: the whiteboard rule ({@link ServiceOrigin#PRECEDENCE}). */
    static final Comparator<RouteEntry> PRECEDENCE = Comparator.comparing(RouteEntry::origin, ServiceOrigin.PRECEDENCE);

    private final String prefix;
    private final boolean gatewayAuth;
    private final ServiceOrigin origin;
    private final LazyService<HttpRoute> instance;

    RouteEntry(ComponentServiceObjects<HttpRoute> objects) {
        this.instance = new LazyService<>(objects);
        ServiceReference<HttpRoute> ref = objects.getServiceReference();
        this.prefix = ref.getProperty(HttpRoute.PREFIX) instanceof String p ? p.trim() : "";
        // Anything but an explicit "none" gets gateway auth: a typo must not open a route.
        this.gatewayAuth = !HttpRoute.AUTH_NONE.equals(ref.getProperty(HttpRoute.AUTH));
        this.origin = ServiceOrigin.of(ref);
    }

    public String prefix() {
        return prefix;
    }

    /** Whether core authorizes requests ({@link HttpRoute#AUTH_GATEWAY}) before the route sees them. */
    public boolean gatewayAuth() {
        return gatewayAuth;
    }

    /** The registration's service id, ranking and bundle. */
    public ServiceOrigin origin() {
        return origin;
    }

    /**
     * The route instance, activating its component on first use. Never called under a registry lock.
     *
     * @return the route, or null when the service went away meanwhile
     */
    public HttpRoute route() {
        return instance.get();
    }

    /** Releases the instance obtained by {@link #route()}, if any. */
    void release() {
        instance.release();
    }
}
