package dev.talon.gateway.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type declaring the wire method a {@link MethodHandler} component implements.
 * It sets {@link MethodHandler#NAME} and {@link MethodHandler#SCOPE}, and requires the gateway core.
 */
@ComponentPropertyType
@RequireGatewayCore
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GatewayMethod {
    String PREFIX_ = "gateway.method.";

    /** The wire method name; becomes {@code gateway.method.name}. */
    String name();

    /** The required scope; becomes {@code gateway.method.scope}. */
    String scope() default Scopes.READ;

    /**
     * Whether calls carry an {@code idempotencyKey} param that core deduplicates: {@code none} (default),
     * {@code optional} or {@code required}; becomes {@code gateway.method.idempotency}.
     * See {@link MethodHandler#IDEMPOTENCY}.
     */
    String idempotency() default MethodHandler.IDEMPOTENCY_NONE;

    /**
     * Path of a JSON Schema (draft 2020-12 or draft-07, by its {@code $schema}) inside the contributing
     * bundle that the params must satisfy, e.g. {@code /schema/echo-params.json}; empty for none. Becomes
     * {@code gateway.method.params.schema}. See {@link MethodHandler#PARAMS_SCHEMA}.
     */
    String params_schema() default "";
}
