package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.ClientInfo;
import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import dev.talon.gateway.core.internal.json.Json;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The server side of the connect pipeline (protocol §1.4.3): frame and params validation, protocol
 * negotiation, role, shared-secret auth, effective scopes, {@code hello-ok}. Every failure is answered
 * with the spec's error response and close code. Runs on a worker thread.
 */
public final class Handshake {
    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);
    private static final String CONNECT_SCHEMA = "/schema/protocol/connect-params.json";

    private final GatewayContext ctx;
    private final SchemaCheck connectSchema = new SchemaCheck(CONNECT_SCHEMA);

    public Handshake(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void process(Connection c, String text) {
        JsonNode frame;
        try {
            frame = Json.parse(text);
        } catch (JacksonException e) {
            reject(c, "handshake.invalidJson", 1000, "");
            return;
        }
        String id = RequestFrames.validId(frame);
        if (id == null || RequestFrames.problems(frame) != null) {
            reject(c, "handshake.invalidFrame", 1008, "invalid request frame");
            return;
        }
        try {
            accept(c, id, frame);
        } catch (HandshakeFailure f) {
            ctx.metrics().count("handshake." + f.metric);
            LOG.debug("Connect refused for {} ({}): {}", c.id(), c.remoteIp(), Sanitize.forLog(f.error.getMessage()));
            c.send(Frames.error(id, f.error));
            c.close(f.closeCode, f.error.getMessage());
        }
    }

    private void accept(Connection c, String id, JsonNode frame) {
        if (!"connect".equals(frame.get("method").stringValue())) {
            throw new HandshakeFailure("notConnect", GatewayException.invalidRequest("invalid handshake: first request must be connect"), 1008);
        }
        JsonNode params = frame.has("params") ? frame.get("params") : Json.WIRE.createObjectNode();
        String problems = connectSchema.problems(params);
        if (problems != null) {
            throw new HandshakeFailure("invalidParams", GatewayException.invalidRequest("invalid connect params: " + problems), 1008);
        }
        ConnectRequest r = ConnectRequest.from(params);
        int protocol = negotiate(r);
        if (!"operator".equals(r.role()) && !r.isNodeRole()) {
            throw new HandshakeFailure("invalidRole", GatewayException.invalidRequest("invalid role"), 1008);
        }
        String authMethod = authenticate(c, r);
        if (r.isNodeRole() && r.deviceId() == null) {
            throw new HandshakeFailure("deviceRequired", new GatewayException(ErrorCode.NOT_PAIRED, "device identity required",
                    Map.of("code", "DEVICE_IDENTITY_REQUIRED"), null, null), 1008);
        }
        boolean directLocal = isDirectLocal(c);
        Set<String> scopes = ScopePolicy.effective(r, directLocal);
        ClientInfo client = new ClientInfo(r.clientId(), r.clientMode(), r.clientVersion(), r.platform(),
                r.displayName(), r.instanceId(), c.remoteIp(), directLocal);
        Principal p = new Principal(r.isNodeRole() ? "node" : "operator", scopes, client, authMethod, protocol,
                r.deviceId(), System.currentTimeMillis());
        c.open(p, Frames.ok(id, HelloBuilder.build(ctx, p, c.id())), GatewayContext.MAX_PAYLOAD);
        ctx.metrics().count("handshake.ok");
        ctx.presence().connected(presenceKey(c, p), p, c.remoteIp());
    }

    private int negotiate(ConnectRequest r) {
        int v = GatewayContext.PROTOCOL_VERSION;
        if (r.maxProtocol() >= v && r.minProtocol() <= v) {
            return v;
        }
        boolean probe = "probe".equals(r.clientMode());
        boolean legacyNode = r.isNodeRole() && "node".equals(r.clientMode());
        int min = GatewayContext.MIN_NODE_PROTOCOL;
        if (probe && r.maxProtocol() >= min && r.minProtocol() <= v) {
            return r.maxProtocol() >= v ? v : min;
        }
        if (legacyNode && r.maxProtocol() >= min && r.minProtocol() <= min) {
            return min;
        }
        Map<String, Object> d = Map.of("code", "PROTOCOL_MISMATCH", "clientMinProtocol", r.minProtocol(),
                "clientMaxProtocol", r.maxProtocol(), "expectedProtocol", v, "minimumProbeProtocol", min);
        throw new HandshakeFailure("protocolMismatch",
                new GatewayException(ErrorCode.INVALID_REQUEST, "protocol mismatch", d, null, null), 1002);
    }

    private String authenticate(Connection c, ConnectRequest r) {
        try {
            return Authenticator.authenticate(ctx.settings().get(), r, c.isLoopback());
        } catch (GatewayException e) {
            throw new HandshakeFailure("authFailed", e, 1008);
        }
    }

    /** Loopback peer without Origin or forwarding headers: a process on this host talking directly. */
    private static boolean isDirectLocal(Connection c) {
        return c.isLoopback() && c.header("Origin") == null && c.header("X-Forwarded-For") == null
                && c.header("Forwarded") == null && c.header("X-Real-IP") == null;
    }

    /** Presence key: connection id for operators; device, instance or connection id for nodes. */
    public static String presenceKey(Connection c, Principal p) {
        if (!p.isNode()) {
            return c.id();
        }
        return p.deviceId() != null ? p.deviceId() : p.client().instanceId() != null ? p.client().instanceId() : c.id();
    }

    private void reject(Connection c, String metric, int code, String reason) {
        ctx.metrics().count(metric);
        LOG.debug("Connect refused for {} ({}): {}", c.id(), c.remoteIp(), metric);
        c.close(code, reason);
    }

    /** A refused handshake: the error response to send and the close code to use. */
    private static final class HandshakeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String metric;
        final transient GatewayException error;
        final int closeCode;

        HandshakeFailure(String metric, GatewayException error, int closeCode) {
            super(error.getMessage(), null, false, false);
            this.metric = metric;
            this.error = error;
            this.closeCode = closeCode;
        }
    }
}
