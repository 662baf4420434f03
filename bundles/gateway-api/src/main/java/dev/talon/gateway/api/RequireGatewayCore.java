package dev.talon.gateway.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;

/**
 * Requires the gateway implementation, so that resolving a contributing bundle pulls in the core.
 * Applied by {@link GatewayMethod} and {@link GatewayEvents}.
 */
@Requirement(namespace = "osgi.implementation", name = RequireGatewayCore.IMPLEMENTATION, version = "1.0")
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE, ElementType.PACKAGE})
public @interface RequireGatewayCore {
    /** The {@code osgi.implementation} capability name the core provides. */
    String IMPLEMENTATION = "dev.talon.gateway";
}
