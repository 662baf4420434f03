package dev.talon.gateway.core.internal.registry;

import dev.talon.gateway.api.EventSource;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.MethodRegistry;
import dev.talon.gateway.api.RegistrySnapshot;
import dev.talon.gateway.api.RegistrySnapshot.MethodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * Whiteboard registry of {@link MethodHandler} and {@link EventSource} services.
 *
 * <p>State is an immutable {@link Table} replaced atomically on every change (copy-on-write), so lookups on
 * the dispatch path take no lock. Mutations are serialized on {@code this}; no contributor code runs under
 * it (only service-property reads).
 */
@Component(service = {MethodRegistry.class, MethodRegistryImpl.class})
public final class MethodRegistryImpl implements MethodRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(MethodRegistryImpl.class);

    /** Guarded by {@code this}: every registration by service id. */
    private final Map<Long, MethodEntry> entries = new HashMap<>();
    /** Guarded by {@code this}: declared event names by EventSource service id. */
    private final Map<Long, List<String>> eventSources = new HashMap<>();

    private volatile Table table = Table.EMPTY;

    /** The immutable routing table: winners by name, all registrations, advertised names. */
    public record Table(
            long changeCount,
            Map<String, MethodEntry> active,
            Map<String, List<MethodEntry>> byName,
            List<String> methods,
            List<String> events) {
        static final Table EMPTY = new Table(0, Map.of(), Map.of(), List.of(), List.of());
    }

    @Reference(
            service = MethodHandler.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindHandler(ComponentServiceObjects<MethodHandler> objects) {
        MethodEntry e = new MethodEntry(objects);
        if (e.name().isEmpty()) {
            LOG.warn(
                    "Ignoring MethodHandler service {} from {}: no {} property",
                    e.serviceId(),
                    e.bundleSymbolicName(),
                    MethodHandler.NAME);
            return;
        }
        synchronized (this) {
            entries.put(e.serviceId(), e);
            rebuild();
        }
    }

    void updatedHandler(ComponentServiceObjects<MethodHandler> objects) {
        unbindHandler(objects);
        bindHandler(objects);
    }

    void unbindHandler(ComponentServiceObjects<MethodHandler> objects) {
        MethodEntry removed;
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

    @Reference(
            service = EventSource.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindEventSource(ServiceReference<EventSource> ref) {
        Object names = ref.getProperty(EventSource.EVENTS);
        List<String> list =
                names instanceof String[] a ? List.of(a) : names instanceof String s ? List.of(s) : List.of();
        synchronized (this) {
            eventSources.put(serviceId(ref), list);
            rebuild();
        }
    }

    void updatedEventSource(ServiceReference<EventSource> ref) {
        bindEventSource(ref);
    }

    void unbindEventSource(ServiceReference<EventSource> ref) {
        synchronized (this) {
            eventSources.remove(serviceId(ref));
            rebuild();
        }
    }

    /** The active handler entry for {@code method}, or null. Lock-free. */
    public MethodEntry lookup(String method) {
        return table.active().get(method);
    }

    /** The current routing table. Lock-free. */
    public Table table() {
        return table;
    }

    @Override
    public RegistrySnapshot snapshot() {
        Table t = table;
        List<MethodInfo> infos = new ArrayList<>();
        t.byName().values().forEach(list -> {
            for (int i = 0; i < list.size(); i++) {
                infos.add(list.get(i).info(i == 0));
            }
        });
        return new RegistrySnapshot(t.changeCount(), infos, t.events());
    }

    /** Guarded by {@code this}. */
    private void rebuild() {
        Map<String, List<MethodEntry>> byName = new TreeMap<>();
        entries.values().forEach(e -> byName.computeIfAbsent(e.name(), k -> new ArrayList<>())
                .add(e));
        Map<String, MethodEntry> active = new HashMap<>();
        Map<String, MethodEntry> previous = table.active();
        byName.forEach((name, list) -> {
            list.sort(MethodEntry.PRECEDENCE);
            active.put(name, list.get(0));
            warnShadowed(name, list, previous.get(name));
        });
        byName.replaceAll((k, v) -> List.copyOf(v));
        TreeSet<String> events = new TreeSet<>();
        eventSources.values().forEach(events::addAll);
        table = new Table(
                table.changeCount() + 1,
                Map.copyOf(active),
                java.util.Collections.unmodifiableMap(byName),
                List.copyOf(byName.keySet()),
                List.copyOf(events));
    }

    private static void warnShadowed(String name, List<MethodEntry> list, MethodEntry previousWinner) {
        if (list.size() > 1 && list.get(0) != previousWinner) {
            MethodEntry winner = list.get(0);
            for (MethodEntry loser : list.subList(1, list.size())) {
                LOG.warn(
                        "Method '{}' from {} (service.id {}, ranking {}) is shadowed by {} (service.id {}, ranking {})",
                        name,
                        loser.bundleSymbolicName(),
                        loser.serviceId(),
                        loser.ranking(),
                        winner.bundleSymbolicName(),
                        winner.serviceId(),
                        winner.ranking());
            }
        }
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }
}
