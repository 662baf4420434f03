package dev.talon.gateway.api;

import java.util.List;
import java.util.Optional;

/**
 * An immutable picture of the method registry at one moment.
 *
 * @param changeCount increases with every registration change
 * @param methods every registration, sorted by name then precedence (the active one first)
 * @param events the event names currently advertised, sorted
 */
public record RegistrySnapshot(long changeCount, List<MethodInfo> methods, List<String> events) {
    public RegistrySnapshot {
        methods = List.copyOf(methods);
        events = List.copyOf(events);
    }

    /** The active registration for {@code name}, if any. */
    public Optional<MethodInfo> active(String name) {
        return methods.stream().filter(m -> m.active() && m.name().equals(name)).findFirst();
    }

    /**
     * One method registration.
     *
     * @param name the wire method name
     * @param scope the required scope
     * @param serviceId the registering service's {@code service.id}
     * @param ranking its {@code service.ranking}
     * @param bundleId the owning bundle's id
     * @param bundleSymbolicName the owning bundle's symbolic name
     * @param active whether this registration wins its name (false when shadowed)
     */
    public record MethodInfo(
            String name,
            String scope,
            long serviceId,
            int ranking,
            long bundleId,
            String bundleSymbolicName,
            boolean active) {}
}
