package dev.talon.gateway.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marker service declaring the event names a bundle may emit, for discovery in
 * {@code hello-ok.features.events}. Register it with {@link GatewayEvents}:
 *
 * <pre>{@code
 * @Component(service = EventSource.class)
 * @GatewayEvents({"telegram.status"})
 * public final class TelegramEvents implements EventSource {}
 * }</pre>
 *
 * <p>The names are advertised while the service is registered.
 */
@ConsumerType
public interface EventSource {
    /** Service property (String[]): the event names the registering bundle may emit. */
    String EVENTS = "gateway.events";
}
