package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.Scopes;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides a connection's effective scopes from server-side facts, never from the client's claim alone
 * (protocol §2.5). Until device pairing exists, every operator is device-less here: its requested scopes are
 * cleared to none, except a direct-loopback CLI ({@code cli}/{@code cli}) or local backend
 * ({@code gateway-client}/{@code backend}) that passed shared-secret auth, which keep the known scopes they
 * asked for. Nodes never hold operator scopes.
 */
public final class ScopePolicy {
    private ScopePolicy() {}

    /**
     * @param r the connect request
     * @param directLocal whether the peer is on loopback with no Origin and no forwarding headers
     */
    public static Set<String> effective(ConnectRequest r, boolean directLocal) {
        if (r.isNodeRole() || !directLocal || !isLocalSelfClient(r)) {
            return Set.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String s : r.scopes()) {
            if (Scopes.isKnown(s)) {
                kept.add(s);
            }
        }
        return kept;
    }

    private static boolean isLocalSelfClient(ConnectRequest r) {
        return ("cli".equals(r.clientId()) && "cli".equals(r.clientMode()))
                || ("gateway-client".equals(r.clientId()) && "backend".equals(r.clientMode()));
    }
}
