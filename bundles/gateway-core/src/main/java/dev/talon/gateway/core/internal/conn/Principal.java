package dev.talon.gateway.core.internal.conn;

import dev.talon.gateway.api.ClientInfo;
import java.util.Set;

/**
 * Who an authenticated connection is, fixed at the handshake.
 *
 * @param role {@code operator} or {@code node}
 * @param scopes effective scopes; what dispatch enforces and {@code hello-ok.auth.scopes} reports
 * @param client declared client fields plus the observed address
 * @param authMethod {@code hello-ok.auth.method}: none, token or password
 * @param protocol the negotiated protocol version
 * @param deviceId the declared device id, or null
 * @param connectedAtMs handshake completion time
 */
public record Principal(
        String role,
        Set<String> scopes,
        ClientInfo client,
        String authMethod,
        int protocol,
        String deviceId,
        long connectedAtMs) {

    public Principal {
        scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
    }

    public boolean isNode() {
        return "node".equals(role);
    }

    /** Whether the client is a one-shot caller that does not appear in presence (cli, backend, probe). */
    public boolean ephemeral() {
        String mode = client.mode();
        return "cli".equals(mode) || "backend".equals(mode) || "probe".equals(mode);
    }

    /** Whether the session rests on the shared secret (invalidated when it changes). */
    public boolean sharedSecret() {
        return "token".equals(authMethod) || "password".equals(authMethod);
    }
}
