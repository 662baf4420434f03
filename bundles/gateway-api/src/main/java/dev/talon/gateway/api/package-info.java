/**
 * The Talon gateway contribution contract.
 *
 * <p>A bundle contributes a wire method by registering one {@link dev.talon.gateway.api.MethodHandler}
 * DS component annotated with {@link dev.talon.gateway.api.GatewayMethod}; it publishes events through the
 * {@link dev.talon.gateway.api.EventPublisher} service and declares the event names it emits with an
 * {@link dev.talon.gateway.api.EventSource} service annotated with {@link dev.talon.gateway.api.GatewayEvents}.
 * A bundle serves HTTP under a path prefix of the gateway's port with an {@link dev.talon.gateway.api.HttpRoute}
 * service annotated with {@link dev.talon.gateway.api.GatewayHttpRoute}, and adds entries to {@code hello-ok}
 * with a {@link dev.talon.gateway.api.HelloContributor}.
 * Parameters arrive as an immutable {@link dev.talon.gateway.api.JsonValue} tree; failures are reported as
 * {@link dev.talon.gateway.api.GatewayException} carrying a protocol {@link dev.talon.gateway.api.ErrorCode}.
 *
 * <p>This package depends on the JDK and OSGi annotations only: no Jetty or Jackson types.
 * All values returned by this package are non-null unless a method's Javadoc says otherwise.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.talon.gateway.api;
