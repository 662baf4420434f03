package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.NodeSurface;
import java.util.ArrayList;
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
 * @param scopes requested scopes exactly as sent (order and duplicates kept)
 * @param token {@code auth.token}, or null
 * @param password {@code auth.password}, or null
 * @param deviceToken {@code auth.deviceToken}, or null
 * @param deviceId {@code device.id} when a device block is present, else null
 * @param device the device block, or null
 * @param deviceFamily {@code client.deviceFamily}, or null
 * @param bootstrapToken {@code auth.bootstrapToken}, or null
 * @param surface the node surface declared by {@code caps}, {@code commands}, {@code permissions}, {@code pathEnv}
 */
public record ConnectRequest(
        int minProtocol,
        int maxProtocol,
        String clientId,
        String clientMode,
        String clientVersion,
        String platform,
        String displayName,
        String instanceId,
        String role,
        List<String> scopes,
        String token,
        String password,
        String deviceToken,
        String deviceId,
        Device device,
        String deviceFamily,
        String bootstrapToken,
        NodeSurface surface) {

    /**
     * The {@code device} block as sent.
     *
     * @param id {@code device.id}
     * @param publicKey {@code device.publicKey}
     * @param signature {@code device.signature}
     * @param signedAt {@code device.signedAt}
     * @param nonce {@code device.nonce}
     */
    public record Device(String id, String publicKey, String signature, long signedAt, String nonce) {}

    /** A request without a device block (tests, device-less clients). */
    public ConnectRequest(
            int minProtocol,
            int maxProtocol,
            String clientId,
            String clientMode,
            String clientVersion,
            String platform,
            String displayName,
            String instanceId,
            String role,
            List<String> scopes,
            String token,
            String password,
            String deviceToken,
            String deviceId) {
        this(
                minProtocol,
                maxProtocol,
                clientId,
                clientMode,
                clientVersion,
                platform,
                displayName,
                instanceId,
                role,
                scopes,
                token,
                password,
                deviceToken,
                deviceId,
                null,
                null,
                null,
                NodeSurface.NONE);
    }

    /** The token field of the signed payload: {@code auth.token ?? auth.deviceToken ?? auth.bootstrapToken ?? ""}. */
    public String signedToken() {
        return token != null ? token : deviceToken != null ? deviceToken : bootstrapToken != null ? bootstrapToken : "";
    }

    /** Reads the fields from params that already passed the ConnectParams schema. */
    public static ConnectRequest from(JsonNode p) {
        JsonNode client = p.path("client");
        JsonNode auth = p.path("auth");
        List<String> scopes = new ArrayList<>(); // as sent: the device signature covers this exact list
        p.path("scopes").forEach(s -> scopes.add(s.stringValue()));
        JsonNode d = p.path("device");
        Device device = d.isObject()
                ? new Device(
                        text(d, "id"),
                        text(d, "publicKey"),
                        text(d, "signature"),
                        d.path("signedAt").longValue(),
                        text(d, "nonce"))
                : null;
        return new ConnectRequest(
                p.path("minProtocol").intValue(),
                p.path("maxProtocol").intValue(),
                text(client, "id"),
                text(client, "mode"),
                text(client, "version"),
                text(client, "platform"),
                text(client, "displayName"),
                text(client, "instanceId"),
                p.has("role") ? text(p, "role") : "operator",
                List.copyOf(scopes),
                text(auth, "token"),
                text(auth, "password"),
                text(auth, "deviceToken"),
                device == null ? null : device.id(),
                device,
                text(client, "deviceFamily"),
                text(auth, "bootstrapToken"),
                surface(p));
    }

    private static NodeSurface surface(JsonNode p) {
        List<String> caps = new ArrayList<>();
        p.path("caps").forEach(c -> caps.add(c.stringValue()));
        List<String> commands = new ArrayList<>();
        p.path("commands").forEach(c -> commands.add(c.stringValue()));
        java.util.Map<String, Boolean> permissions = new java.util.LinkedHashMap<>();
        p.path("permissions")
                .properties()
                .forEach(e -> permissions.put(e.getKey(), e.getValue().asBoolean()));
        return new NodeSurface(caps, commands, permissions, text(p, "pathEnv"));
    }

    public boolean isNodeRole() {
        return "node".equals(role);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }
}
