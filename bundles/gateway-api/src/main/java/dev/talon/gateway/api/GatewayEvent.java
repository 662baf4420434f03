package dev.talon.gateway.api;

import java.util.Objects;

/**
 * A broadcast event: its wire name, payload and delivery rules.
 *
 * <pre>{@code
 * publisher.publish(GatewayEvent.of("telegram.status", Map.of("ok", true)).guardedBy(Scopes.READ).dropIfSlow());
 * }</pre>
 *
 * @param name the wire event name, e.g. {@code presence}
 * @param payload a {@link JsonValue}, map, list, record or scalar; null for no payload
 * @param guard the scope a connection needs to receive it, or null for every authenticated connection
 *     (operators and nodes)
 * @param droppable whether a slow consumer may skip it ({@code dropIfSlow}: the frame's {@code seq} is still
 *     consumed); a non-droppable event closes a slow consumer with 1008 "slow consumer"
 */
public record GatewayEvent(String name, Object payload, String guard, boolean droppable) {
    public GatewayEvent {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("event name must not be blank");
        }
    }

    /** An event for every authenticated connection, not droppable. */
    public static GatewayEvent of(String name, Object payload) {
        return new GatewayEvent(name, payload, null, false);
    }

    /** A copy delivered only to operators holding (or implying) {@code scope}. */
    public GatewayEvent guardedBy(String scope) {
        return new GatewayEvent(name, payload, scope, droppable);
    }

    /** A copy that slow consumers may skip. */
    public GatewayEvent dropIfSlow() {
        return new GatewayEvent(name, payload, guard, true);
    }
}
