package dev.talon.gateway.shell.internal;

import dev.talon.gateway.api.GatewayConnections;
import dev.talon.gateway.api.GatewayConnections.ConnectionInfo;
import dev.talon.gateway.api.MethodRegistry;
import dev.talon.gateway.api.RegistrySnapshot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands for administering a running gateway: {@code talon:status}, {@code talon:clients},
 * {@code talon:methods}, {@code talon:kick <connId>}. Each returns the text it prints.
 */
@Component(service = TalonCommands.class)
@GogoCommand(
        scope = "talon",
        function = {"status", "clients", "methods", "kick"})
public final class TalonCommands {
    private final MethodRegistry registry;
    private final GatewayConnections connections;

    @Activate
    public TalonCommands(@Reference MethodRegistry registry, @Reference GatewayConnections connections) {
        this.registry = registry;
        this.connections = connections;
    }

    /** Uptime, memory, connections by role, registry size. */
    public String status() {
        Runtime rt = Runtime.getRuntime();
        RegistrySnapshot snap = registry.snapshot();
        Map<String, Long> byRole = connections.list().stream()
                .collect(Collectors.groupingBy(ConnectionInfo::role, TreeMap::new, Collectors.counting()));
        long active = snap.methods().stream()
                .filter(RegistrySnapshot.MethodInfo::active)
                .count();
        return String.format(
                "uptime       %s%nheap         %d MiB used / %d MiB max%nconnections  %d %s%n"
                        + "methods      %d active, %d shadowed (registry change %d)%nevents       %d advertised%n",
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())
                        .withNanos(0),
                (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.maxMemory() >> 20,
                connections.list().size(),
                byRole,
                active,
                snap.methods().size() - active,
                snap.changeCount(),
                snap.events().size());
    }

    /** One line per authenticated client: id, role, client, address, scopes. */
    public String clients() {
        StringBuilder b = new StringBuilder(
                String.format("%-36s  %-8s  %-22s  %-15s  %s%n", "CONNECTION", "ROLE", "CLIENT", "ADDRESS", "SCOPES"));
        for (ConnectionInfo c : connections.list()) {
            b.append(String.format(
                    "%-36s  %-8s  %-22s  %-15s  %s%n",
                    c.connectionId(),
                    c.role(),
                    c.client().id() + "/" + c.client().mode(),
                    c.client().remoteAddress(),
                    String.join(",", c.scopes())));
        }
        return b.toString();
    }

    /** The registry: method, scope, owning bundle, and whether the registration is shadowed. */
    public String methods() {
        StringBuilder b =
                new StringBuilder(String.format("%-32s  %-18s  %-8s  %s%n", "METHOD", "SCOPE", "SERVICE", "BUNDLE"));
        for (RegistrySnapshot.MethodInfo m : registry.snapshot().methods()) {
            b.append(String.format(
                    "%-32s  %-18s  %-8d  %s [%d]%s%n",
                    m.name(),
                    m.scope(),
                    m.serviceId(),
                    m.bundleSymbolicName(),
                    m.bundleId(),
                    m.active() ? "" : "  (shadowed)"));
        }
        return b.toString();
    }

    /** Disconnects a client (close 1008 "disconnected by administrator"). */
    public String kick(String connectionId) {
        return connections.disconnect(connectionId, "disconnected by administrator")
                ? "disconnected " + connectionId
                : "no open connection " + connectionId;
    }
}
