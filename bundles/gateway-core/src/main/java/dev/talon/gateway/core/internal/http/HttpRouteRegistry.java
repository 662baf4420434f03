package dev.talon.gateway.core.internal.http;

import dev.talon.gateway.api.HttpRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whiteboard registry of {@link HttpRoute} services: the winner per prefix, longest prefix first.
 *
 * <p>State is an immutable list replaced atomically on every change (copy-on-write), so lookups on the request
 * path take no lock. Mutations are serialized on {@code this}; no contributor code runs under it (only
 * service-property reads).
 */
@Component(service = HttpRouteRegistry.class)
public final class HttpRouteRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouteRegistry.class);

    /**
     * Core paths no route may serve (protocol §5.6.1: probe roots and everything below them; Talon's own
     * {@code /__talon__/}). Core answers them before routes are consulted.
     */
    public static final List<String> RESERVED = List.of(
            "/health", "/healthz", "/ready", "/readyz", "/startup", "/startupz", "/__talon__", "/__openclaw__/worker");

    /** Guarded by {@code this}: every valid registration by service id. */
    private final Map<Long, RouteEntry> entries = new HashMap<>();

    /** Winners, longest prefix first. */
    private volatile List<RouteEntry> active = List.of();

    @Reference(service = HttpRoute.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRoute(ComponentServiceObjects<HttpRoute> objects) {
        RouteEntry e = new RouteEntry(objects);
        String problem = problem(e.prefix());
        if (problem != null) {
            LOG.warn(
                    "Ignoring HttpRoute service {} from {}: {} '{}' {}",
                    e.origin().serviceId(),
                    e.origin().bundleSymbolicName(),
                    HttpRoute.PREFIX,
                    e.prefix(),
                    problem);
            return;
        }
        synchronized (this) {
            entries.put(e.origin().serviceId(), e);
            rebuild();
        }
    }

    void updatedRoute(ComponentServiceObjects<HttpRoute> objects) {
        unbindRoute(objects);
        bindRoute(objects);
    }

    void unbindRoute(ComponentServiceObjects<HttpRoute> objects) {
        RouteEntry removed;
        synchronized (this) {
            removed = entries.remove(serviceId(objects.getServiceReference()));
            if (removed != null) {
                rebuild();
            }
        }
        if (removed != null) {
            removed.release();
        }
    }

    /** The route serving the raw request {@code path}, or null. Lock-free. */
    public RouteEntry lookup(String path) {
        for (RouteEntry e : active) {
            if (matches(e.prefix(), path)) {
                return e;
            }
        }
        return null;
    }

    /** The active prefixes, longest first (introspection). */
    public List<String> prefixes() {
        return active.stream().map(RouteEntry::prefix).toList();
    }

    /** Whether {@code path} is a core path no route may serve. */
    public static boolean reserved(String path) {
        for (String r : RESERVED) {
            if (path.equals(r) || path.startsWith(r + "/")) {
                return true;
            }
        }
        return false;
    }

    /** {@code /a/b/} serves {@code /a/b/…} and {@code /a/b}. */
    static boolean matches(String prefix, String path) {
        return path.startsWith(prefix) || path.length() == prefix.length() - 1 && prefix.startsWith(path);
    }

    /** Why {@code prefix} cannot be served, or null when it can. */
    static String problem(String prefix) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            return "must start and end with '/'";
        }
        if (prefix.contains("//") || prefix.contains("/./") || prefix.contains("/../") || prefix.contains("%")) {
            return "must be a plain path";
        }
        if (reserved(prefix) || reserved(prefix.substring(0, prefix.length() - 1))) {
            return "lies inside a reserved core path " + RESERVED;
        }
        return null;
    }

    /** Guarded by {@code this}. */
    private void rebuild() {
        Map<String, List<RouteEntry>> byPrefix = new TreeMap<>();
        entries.values().forEach(e -> byPrefix.computeIfAbsent(e.prefix(), k -> new ArrayList<>())
                .add(e));
        List<RouteEntry> previous = active;
        List<RouteEntry> winners = new ArrayList<>();
        byPrefix.forEach((prefix, list) -> {
            list.sort(RouteEntry.PRECEDENCE);
            winners.add(list.get(0));
            if (list.size() > 1 && !previous.contains(list.get(0))) {
                list.subList(1, list.size()).forEach(loser -> warnShadowed(loser, list.get(0)));
            }
        });
        winners.sort(
                Comparator.comparingInt((RouteEntry e) -> e.prefix().length()).reversed());
        active = List.copyOf(winners);
    }

    private static void warnShadowed(RouteEntry loser, RouteEntry winner) {
        LOG.warn(
                "HTTP route '{}' from {} (service.id {}, ranking {}) is shadowed by {} (service.id {}, ranking {})",
                loser.prefix(),
                loser.origin().bundleSymbolicName(),
                loser.origin().serviceId(),
                loser.origin().ranking(),
                winner.origin().bundleSymbolicName(),
                winner.origin().serviceId(),
                winner.origin().ranking());
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }
}
