package dev.talon.gateway.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when authenticated connections come and go (whiteboard: register it as a service).
 *
 * <p>Called on a gateway worker thread, never a network thread, and never under a gateway lock; calls for
 * one connection are ordered (connected before disconnected). Implementations must return quickly; a
 * throwing observer is logged and does not affect the connection or other observers.
 */
@ConsumerType
public interface ConnectionObserver {

    /** A connection completed its handshake ({@code hello-ok} was sent). */
    void connected(GatewayConnections.ConnectionInfo connection);

    /** A connection that had completed its handshake closed. */
    void disconnected(GatewayConnections.ConnectionInfo connection);
}
