package dev.talon.gateway.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes events to connected clients. Provided by the gateway core as an OSGi service.
 *
 * <p>Every broadcast frame gets the receiving connection's next {@code seq}, so each connection sees a
 * gap-free sequence of the events addressed to it (a droppable event skipped for a slow consumer still
 * consumes its number, as the protocol says). Thread-safe; never blocks on the network.
 */
@ProviderType
public interface EventPublisher {

    /** Broadcasts {@code event} to every authenticated connection that passes its guard. */
    void publish(GatewayEvent event);

    /**
     * Sends an event to one connection only, without a {@code seq} (point-to-point, e.g. to a node).
     *
     * @return false when the connection is unknown or closed
     */
    boolean sendTo(String connectionId, String eventName, Object payload);
}
