package dev.talon.gateway.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** Component property type setting {@link EventSource#EVENTS} on an {@link EventSource} component. */
@ComponentPropertyType
@RequireGatewayCore
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GatewayEvents {
    /** The event names; becomes {@code gateway.events}. */
    String[] value();
}
