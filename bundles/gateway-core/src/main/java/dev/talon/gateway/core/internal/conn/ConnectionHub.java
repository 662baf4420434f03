package dev.talon.gateway.core.internal.conn;

import dev.talon.gateway.api.ConnectionObserver;
import dev.talon.gateway.api.EventPublisher;
import dev.talon.gateway.api.GatewayConnections;
import dev.talon.gateway.api.GatewayEvent;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.protocol.Frames;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;

/**
 * The live connections and the event fan-out. Broadcasts serialize the payload once and append each
 * connection's own {@code seq}. Thread-safe and lock-free except for each connection's own send lock.
 */
@Component(service = {EventPublisher.class, GatewayConnections.class, ConnectionHub.class})
public final class ConnectionHub implements EventPublisher, GatewayConnections {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConnectionHub.class);
    /** Observers, copy-on-write; notified one at a time, in order, on {@link #notifier}. */
    private final java.util.List<ConnectionObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.util.concurrent.ExecutorService notifier =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "talon-connection-observers");
                t.setDaemon(true);
                return t;
            });

    @org.osgi.service.component.annotations.Reference(
            service = ConnectionObserver.class,
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    void bindObserver(ConnectionObserver o) {
        observers.add(o);
    }

    void unbindObserver(ConnectionObserver o) {
        observers.remove(o);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        notifier.shutdown();
    }

    /** Tells observers that {@code c} completed its handshake (asynchronously, in order). */
    public void announceConnected(Connection c) {
        ConnectionInfo info = info(c);
        notify(o -> o.connected(info));
    }

    /** Tells observers that {@code c}, which had completed its handshake, closed. */
    public void announceDisconnected(Connection c) {
        ConnectionInfo info = info(c);
        notify(o -> o.disconnected(info));
    }

    private void notify(java.util.function.Consumer<ConnectionObserver> call) {
        try {
            notifier.execute(() -> observers.forEach(o -> {
                try {
                    call.accept(o);
                } catch (RuntimeException e) {
                    LOG.error("Connection observer {} failed", o.getClass().getName(), e);
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the hub is going away with the gateway
        }
    }

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong presenceVersion = new AtomicLong();
    private final AtomicLong healthVersion = new AtomicLong();

    /** Registers {@code c} unless {@code max} connections are already open. */
    public boolean admit(Connection c, int max) {
        synchronized (connections) {
            if (connections.size() >= max) {
                return false;
            }
            connections.put(c.id(), c);
            return true;
        }
    }

    /** The connection with this id, or null. */
    public Connection get(String connectionId) {
        return connections.get(connectionId);
    }

    /** Closes every open connection of {@code deviceId} that matches {@code filter}; returns how many. */
    public int closeDevice(String deviceId, java.util.function.Predicate<Principal> filter, int code, String reason) {
        int n = 0;
        for (Connection c : connections.values()) {
            Principal p = c.principal();
            if (p != null && deviceId.equals(p.deviceId()) && filter.test(p)) {
                c.close(code, reason);
                n++;
            }
        }
        return n;
    }

    public void remove(Connection c) {
        connections.remove(c.id());
    }

    /** Every connection, authenticated or not. */
    public Iterable<Connection> all() {
        return connections.values();
    }

    public int size() {
        return connections.size();
    }

    /** The gateway-global {@code stateVersion} object: {@code {presence, health}}. */
    public Map<String, Long> stateVersion() {
        return Map.of("presence", presenceVersion.get(), "health", healthVersion.get());
    }

    /** Bumps the presence counter; returns the new state version. */
    public Map<String, Long> bumpPresence() {
        presenceVersion.incrementAndGet();
        return stateVersion();
    }

    /** Bumps the health counter; returns the new state version. */
    public Map<String, Long> bumpHealth() {
        healthVersion.incrementAndGet();
        return stateVersion();
    }

    @Override
    public void publish(GatewayEvent event) {
        publish(event, null);
    }

    /** Broadcasts with a top-level {@code stateVersion} (presence and health events). */
    public void publish(GatewayEvent event, Map<String, Long> stateVersion) {
        String head = Frames.eventHead(event.name(), event.payload(), stateVersion);
        for (Connection c : connections.values()) {
            Principal p = c.principal();
            if (p != null && c.isOpen() && admits(p, event.guard())) {
                c.sendEvent(head, event.droppable());
            }
        }
    }

    @Override
    public boolean sendTo(String connectionId, String eventName, Object payload) {
        Connection c = connections.get(connectionId);
        return c != null && c.isOpen() && c.send(Frames.eventHead(eventName, payload, null) + "}");
    }

    @Override
    public List<ConnectionInfo> list() {
        return connections.values().stream()
                .filter(c -> c.principal() != null && c.isOpen())
                .map(ConnectionHub::info)
                .sorted(Comparator.comparingLong(ConnectionInfo::connectedAtMs))
                .toList();
    }

    @Override
    public boolean disconnect(String connectionId, String reason) {
        Connection c = connections.get(connectionId);
        if (c == null || c.state() == Connection.State.CLOSED) {
            return false;
        }
        c.close(1008, reason == null || reason.isBlank() ? "disconnected by administrator" : reason);
        return true;
    }

    /** Guard {@code null}: every authenticated connection; otherwise operators holding the scope. */
    static boolean admits(Principal p, String guard) {
        return guard == null || (!p.isNode() && Scopes.satisfies(p.scopes(), guard));
    }

    private static ConnectionInfo info(Connection c) {
        Principal p = c.principal();
        return new ConnectionInfo(
                c.id(), p.role(), p.scopes(), p.client(), p.connectedAtMs(), c.lastSeq(), c.bufferedBytes());
    }
}
