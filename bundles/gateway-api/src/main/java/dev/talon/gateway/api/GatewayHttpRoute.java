package dev.talon.gateway.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type declaring the path prefix an {@link HttpRoute} component serves. It sets
 * {@link HttpRoute#PREFIX} and {@link HttpRoute#AUTH}, and requires the gateway core.
 */
@ComponentPropertyType
@RequireGatewayCore
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GatewayHttpRoute {
    String PREFIX_ = "gateway.http.";

    /** The path prefix, starting and ending with {@code /}; becomes {@code gateway.http.prefix}. */
    String prefix();

    /** {@link HttpRoute#AUTH_GATEWAY} (default) or {@link HttpRoute#AUTH_NONE}; becomes {@code gateway.http.auth}. */
    String auth() default HttpRoute.AUTH_GATEWAY;
}
