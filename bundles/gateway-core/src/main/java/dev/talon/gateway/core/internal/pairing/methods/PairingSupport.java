package dev.talon.gateway.core.internal.pairing.methods;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.conn.ConnectionHub;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PairedDevice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** What the pairing methods share: the caller's principal, param checks, the public device summary. */
@Component(service = PairingSupport.class)
public final class PairingSupport {
    private final ConnectionHub hub;

    @Activate
    public PairingSupport(@Reference ConnectionHub hub) {
        this.hub = hub;
    }

    /** The calling connection's principal. */
    Principal caller(MethodCall call) {
        Connection c = hub.get(call.connectionId());
        if (c == null || c.principal() == null) {
            throw GatewayException.unavailable("connection closed", 0);
        }
        return c.principal();
    }

    /** A required non-empty string param. */
    static String required(MethodCall call, String name) {
        JsonValue.JsonObject p = call.paramsObject();
        return p.string(name)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> GatewayException.invalidRequest(
                        "invalid " + call.method() + " params: " + name + " (non-empty string) required"));
    }

    /** Optional string-array param, or null when absent. */
    static List<String> strings(MethodCall call, String name) {
        return call.paramsObject()
                .get(name)
                .map(v -> {
                    if (!(v instanceof JsonValue.JsonArray a)
                            || !a.items().stream().allMatch(JsonValue.JsonString.class::isInstance)) {
                        throw GatewayException.invalidRequest(
                                "invalid " + call.method() + " params: " + name + " must be an array of strings");
                    }
                    return a.items().stream()
                            .map(i -> ((JsonValue.JsonString) i).value())
                            .toList();
                })
                .orElse(null);
    }

    /** Fails with the protocol's missing-scope error unless {@code held} covers every scope in {@code needed}. */
    static void requireCovered(java.util.Set<String> held, List<String> needed) {
        for (String s : needed) {
            if (!Scopes.satisfies(held, s)) {
                throw new GatewayException(
                        ErrorCode.FORBIDDEN,
                        "missing scope: " + s,
                        Map.of("code", "MISSING_SCOPE", "missingScope", s, "requiredScopes", List.of(s)),
                        null,
                        null);
            }
        }
    }

    /** Managing a token of a role other than {@code operator} needs {@code operator.admin}. */
    static void requireAdminForRole(java.util.Set<String> held, String role) {
        if (!"operator".equals(role)) {
            requireCovered(held, List.of(Scopes.ADMIN));
        }
    }

    /** The device as listed to operators: tokens summarised (never their values). */
    Map<String, Object> summary(PairedDevice d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", d.deviceId());
        m.put("publicKey", d.publicKey());
        putIf(m, "displayName", d.displayName());
        putIf(m, "label", d.label());
        putIf(m, "platform", d.platform());
        putIf(m, "deviceFamily", d.deviceFamily());
        putIf(m, "clientId", d.clientId());
        putIf(m, "clientMode", d.clientMode());
        m.put("roles", d.roles());
        m.put("scopes", d.scopes());
        m.put(
                "tokens",
                d.tokens().values().stream()
                        .map(t -> {
                            Map<String, Object> tm = new LinkedHashMap<>();
                            tm.put("role", t.role());
                            tm.put("scopes", t.scopes());
                            tm.put("createdAtMs", t.createdAtMs());
                            putIf(tm, "rotatedAtMs", t.rotatedAtMs());
                            return tm;
                        })
                        .toList());
        putIf(m, "remoteIp", d.remoteIp());
        m.put("createdAtMs", d.createdAtMs());
        m.put("approvedAtMs", d.approvedAtMs());
        m.put("connected", connected(d.deviceId()));
        return m;
    }

    /** Closes the device's sessions that match; see {@link ConnectionHub#closeDevice}. */
    int disconnect(String deviceId, java.util.function.Predicate<Principal> which, String reason) {
        return hub.closeDevice(deviceId, which, 4001, reason);
    }

    private boolean connected(String deviceId) {
        for (Connection c : hub.all()) {
            Principal p = c.principal();
            if (p != null && c.isOpen() && deviceId.equals(p.deviceId())) {
                return true;
            }
        }
        return false;
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
