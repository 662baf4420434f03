package dev.talon.gateway.core.internal.protocol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The fields of a schema-valid {@code connect} request that the gateway acts on.
 *
 * @param minProtocol lowest protocol version the client speaks
 * @param maxProtocol highest protocol version the client speaks
 * @param clientId {@code client.id}
 * @param clientMode {@code client.mode}
 * @param clientVersion {@code client.version}
 * @param platform {@code client.platform}
 * @param displayName {@code client.displayName}, or null
 * @param instanceId {@code client.instanceId}, or null
 * @param role requested role, default {@code operator}
 * @param scopes requested scopes in the order sent, duplicates removed
 * @param token {@code auth.token}, or null
 * @param password {@code auth.password}, or null
 * @param deviceToken {@code auth.deviceToken}, or null
 * @param deviceId {@code device.id} when a device block is present, else null
 */
public record ConnectRequest(int minProtocol, int maxProtocol, String clientId, String clientMode,
        String clientVersion, String platform, String displayName, String instanceId, String role,
        List<String> scopes, String token, String password, String deviceToken, String deviceId) {

    /** Reads the fields from params that already passed the ConnectParams schema. */
    public static ConnectRequest from(JsonNode p) {
        JsonNode client = p.path("client");
        JsonNode auth = p.path("auth");
        LinkedHashSet<String> scopes = new LinkedHashSet<>();
        p.path("scopes").forEach(s -> scopes.add(s.stringValue()));
        return new ConnectRequest(p.path("minProtocol").intValue(), p.path("maxProtocol").intValue(),
                text(client, "id"), text(client, "mode"), text(client, "version"), text(client, "platform"),
                text(client, "displayName"), text(client, "instanceId"),
                p.has("role") ? text(p, "role") : "operator", new ArrayList<>(scopes),
                text(auth, "token"), text(auth, "password"), text(auth, "deviceToken"),
                p.path("device").isObject() ? text(p.path("device"), "id") : null);
    }

    public boolean isNodeRole() {
        return "node".equals(role);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }
}
