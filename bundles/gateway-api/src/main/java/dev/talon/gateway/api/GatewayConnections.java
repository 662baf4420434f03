package dev.talon.gateway.api;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Administrative view of the live connections. Provided by the gateway core. Thread-safe, non-blocking.
 */
@ProviderType
public interface GatewayConnections {

    /** The authenticated connections, oldest first. */
    List<ConnectionInfo> list();

    /**
     * Closes a connection with WebSocket close code 1008 and the given reason.
     *
     * @return false when no such connection is open
     */
    boolean disconnect(String connectionId, String reason);

    /**
     * One authenticated connection.
     *
     * @param connectionId the gateway-assigned id
     * @param role {@code operator} or {@code node}
     * @param scopes the effective scopes
     * @param client what the client declared and the server observed
     * @param connectedAtMs when the handshake completed (epoch ms)
     * @param lastSeq the last event {@code seq} sent on it
     * @param bufferedBytes bytes queued for sending right now
     */
    record ConnectionInfo(
            String connectionId,
            String role,
            Set<String> scopes,
            ClientInfo client,
            long connectedAtMs,
            long lastSeq,
            long bufferedBytes) {}
}
