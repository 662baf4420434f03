package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.ClientInfo;
import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.device.DeviceProof;
import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.pairing.DeviceAdmission;
import dev.talon.gateway.core.internal.pairing.PairingRecords.DeviceToken;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import dev.talon.gateway.core.internal.security.AuthRateLimiter;
import dev.talon.gateway.core.internal.security.ClientAddress;
import dev.talon.gateway.core.internal.security.CredentialClass;
import dev.talon.gateway.core.internal.security.OriginPolicy;
import dev.talon.gateway.core.internal.security.SecuritySettings;
import java.util.LinkedHashSet;
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

    private final GatewayContext ctx;
    private final SchemaCheck connectSchema = Schemas.connect();
    private final AuthRateLimiter rateLimiter;
    /** Told when a handshake that was deferred (rate-limit delay) has settled. */
    private final java.util.function.Consumer<Connection> settled;

    public Handshake(GatewayContext ctx, java.util.function.Consumer<Connection> settled) {
        this.ctx = ctx;
        this.settled = settled;
        this.rateLimiter = ctx.authRateLimiter();
        // The first signed handshake would otherwise pay for the connect schema's validators and the pairing store's
        // serializers; a worker does it while the rest of the gateway starts (StartupWarmUp did the EdDSA code).
        ctx.workers().pool().execute(this::warmUp);
    }

    /** Runs a connect-params validation and a pairing-store serialization once; failures are harmless. */
    private void warmUp() {
        try {
            ctx.pairing().warmUp();
            connectSchema.problems(Json.parse("{\"minProtocol\":4,\"maxProtocol\":4,\"client\":{\"id\":\"cli\","
                    + "\"version\":\"1\",\"platform\":\"linux\",\"mode\":\"cli\"},\"role\":\"operator\","
                    + "\"scopes\":[\"operator.read\"],\"auth\":{\"token\":\"t\"}}"));
        } catch (RuntimeException e) {
            LOG.debug("Handshake warm-up failed: {}", e.toString());
        }
    }

    public void process(Connection c, String text) {
        process(c, text, false);
    }

    /** @param gatePassed the rate-limit gate already delayed this attempt once */
    private void process(Connection c, String text, boolean gatePassed) {
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
            accept(c, id, frame, text, gatePassed);
        } catch (HandshakeFailure f) {
            ctx.metrics().count("handshake." + f.metric);
            LOG.debug("Connect refused for {} ({}): {}", c.id(), c.remoteIp(), Sanitize.forLog(f.error.getMessage()));
            c.send(Frames.error(id, f.error));
            c.close(f.closeCode, f.closeReason);
        }
    }

    private void accept(Connection c, String id, JsonNode frame, String text, boolean gatePassed) {
        if (!"connect".equals(frame.get("method").stringValue())) {
            throw new HandshakeFailure(
                    "notConnect",
                    GatewayException.invalidRequest("invalid handshake: first request must be connect"),
                    1008);
        }
        JsonNode params = frame.has("params") ? frame.get("params") : Json.WIRE.createObjectNode();
        String problems = connectSchema.problems(params);
        if (problems != null) {
            throw new HandshakeFailure(
                    "invalidParams", GatewayException.invalidRequest("invalid connect params: " + problems), 1008);
        }
        ConnectRequest r = ConnectRequest.from(params);
        int protocol = negotiate(r);
        if (!"operator".equals(r.role()) && !r.isNodeRole()) {
            throw new HandshakeFailure("invalidRole", GatewayException.invalidRequest("invalid role"), 1008);
        }
        SecuritySettings sec = ctx.settings().get().security();
        ClientAddress.Resolution who = ClientAddress.resolve(c.remoteIp(), c::header, sec.trustedProxies());
        String origin = c.header("Origin");
        boolean directLocal = who.directLocal() && origin == null;
        AuthRateLimiter.Subject subject =
                rateLimiter.subject(who.clientIp(), who.directLocal(), OriginPolicy.normalize(origin));
        AuthRateLimiter.Decision gate = rateLimiter.check(
                subject,
                CredentialClass.presented(
                        r.token() != null || r.password() != null,
                        r.deviceToken() != null || (r.device() != null && r.token() != null),
                        r.bootstrapToken() != null));
        if (gate.locked()) {
            throw new HandshakeFailure("rateLimited", AuthRateLimiter.rateLimited(gate.retryAfterMs()), 1008);
        }
        if (gate.delayMs() > 0 && !gatePassed) { // loopback is slowed down, never locked out
            ctx.metrics().count("handshake.rateDelayed");
            ctx.workers()
                    .timers()
                    .schedule(
                            () -> ctx.workers().pool().execute(() -> {
                                process(c, text, true);
                                if (c.state() != Connection.State.HANDSHAKING) {
                                    settled.accept(c);
                                }
                            }),
                            gate.delayMs(),
                            java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        }
        String sharedMethod = null;
        GatewayException sharedFailure = null;
        try {
            sharedMethod = Authenticator.authenticate(ctx.settings().get(), r, who.clientLoopback());
        } catch (GatewayException e) {
            sharedFailure = e;
        }
        Admission a;
        try {
            a = r.device() == null
                    ? deviceLess(r, directLocal, sharedMethod, sharedFailure)
                    : withDevice(c, who.clientIp(), r, directLocal, sharedMethod, sharedFailure);
        } catch (HandshakeFailure f) {
            CredentialClass wrong = CredentialClass.ofFailure(f.error);
            if (wrong != null) {
                rateLimiter.recordFailure(subject, wrong);
            }
            throw f;
        }
        CredentialClass ok = CredentialClass.ofMethod(a.method());
        if (ok != null) {
            rateLimiter.recordSuccess(subject, ok);
        }
        ClientInfo client = new ClientInfo(
                r.clientId(),
                r.clientMode(),
                r.clientVersion(),
                r.platform(),
                r.displayName(),
                r.instanceId(),
                who.clientIp(),
                directLocal,
                r.deviceId(),
                r.deviceFamily(),
                r.isNodeRole() ? r.surface() : dev.talon.gateway.api.NodeSurface.NONE,
                r.maxProtocol());
        Principal p = new Principal(
                r.isNodeRole() ? "node" : "operator",
                a.scopes(),
                client,
                a.method(),
                protocol,
                r.deviceId(),
                System.currentTimeMillis());
        c.open(
                p,
                Frames.ok(id, HelloBuilder.build(ctx, p, c.id(), a.token(), c.httpBaseUrl())),
                GatewayContext.MAX_PAYLOAD);
        ctx.metrics().count("handshake.ok");
        if ("device-token".equals(a.method())
                && ctx.pairing()
                        .verifyToken(r.deviceId(), p.role(), a.presented())
                        .isEmpty()) {
            c.close(4001, "client invalidated: device token revoked"); // revoked while this connect was in flight
            return;
        }
        ctx.presence().connected(presenceKey(c, p), p, who.clientIp());
        // As the reference gateway does: the newcomer gets the current health right away (its seq 1).
        c.sendEvent(Frames.eventHead("health", ctx.health().cached(), ctx.hub().stateVersion()), true);
        ctx.hub().announceConnected(c);
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
        Map<String, Object> d = Map.of(
                "code",
                "PROTOCOL_MISMATCH",
                "clientMinProtocol",
                r.minProtocol(),
                "clientMaxProtocol",
                r.maxProtocol(),
                "expectedProtocol",
                v,
                "minimumProbeProtocol",
                min);
        throw new HandshakeFailure(
                "protocolMismatch",
                new GatewayException(ErrorCode.INVALID_REQUEST, "protocol mismatch", d, null, null),
                1002);
    }

    /** How a connect was admitted: auth method, effective scopes, the device token for hello-ok. */
    private record Admission(String method, Set<String> scopes, DeviceToken token, String presented) {}

    private Admission deviceLess(
            ConnectRequest r, boolean directLocal, String sharedMethod, GatewayException sharedFailure) {
        if (sharedFailure != null) {
            throw new HandshakeFailure("authFailed", sharedFailure, 1008);
        }
        if (r.isNodeRole()) {
            throw new HandshakeFailure(
                    "deviceRequired",
                    new GatewayException(
                            ErrorCode.NOT_PAIRED,
                            "device identity required",
                            Map.of("code", "DEVICE_IDENTITY_REQUIRED"),
                            null,
                            null),
                    1008);
        }
        return new Admission(sharedMethod, ScopePolicy.effective(r, directLocal), null, null);
    }

    private Admission withDevice(
            Connection c,
            String clientIp,
            ConnectRequest r,
            boolean directLocal,
            String sharedMethod,
            GatewayException sharedFailure) {
        ConnectRequest.Device d = r.device();
        DeviceProof.Verified v;
        try {
            v = DeviceProof.verify(
                    new DeviceProof.Claim(
                            d.id(),
                            r.clientId(),
                            r.clientMode(),
                            r.role(),
                            r.scopes(),
                            d.signedAt(),
                            r.signedToken(),
                            d.nonce(),
                            r.platform(),
                            r.deviceFamily()),
                    d.publicKey(),
                    d.signature(),
                    c.nonce(),
                    System.currentTimeMillis());
        } catch (GatewayException e) {
            throw new HandshakeFailure("deviceAuthFailed", e, 1008);
        }
        DeviceAdmission.Ask ask = new DeviceAdmission.Ask(
                v.deviceId(),
                v.publicKey(),
                r.role(),
                DeviceAdmission.knownScopes(r.role(), r.scopes()),
                r.clientId(),
                r.clientMode(),
                r.displayName(),
                r.platform(),
                r.deviceFamily(),
                clientIp,
                directLocal,
                ctx.autoApproveLocal().getAsBoolean());
        try {
            DeviceAdmission.Admitted a = new DeviceAdmission(ctx.pairing(), ctx.pairingEvents())
                    .admit(ask, sharedMethod, sharedFailure, r.deviceToken(), r.token());
            return new Admission(
                    a.authMethod(),
                    new LinkedHashSet<>(a.scopes()),
                    a.token(),
                    r.deviceToken() != null ? r.deviceToken() : r.token());
        } catch (GatewayException e) {
            boolean pairing = e.code() == ErrorCode.NOT_PAIRED;
            throw new HandshakeFailure(
                    pairing ? "pairingRequired" : "authFailed",
                    e,
                    1008,
                    pairing
                            ? e.getMessage() + " (requestId: " + ((Map<?, ?>) e.details()).get("requestId") + ")"
                            : e.getMessage());
        }
    }

    /** Presence key: connection id for operators; device, instance or connection id for nodes. */
    public static String presenceKey(Connection c, Principal p) {
        if (!p.isNode()) {
            return c.id();
        }
        return p.deviceId() != null
                ? p.deviceId()
                : p.client().instanceId() != null ? p.client().instanceId() : c.id();
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
        final String closeReason;

        HandshakeFailure(String metric, GatewayException error, int closeCode) {
            this(metric, error, closeCode, error.getMessage());
        }

        HandshakeFailure(String metric, GatewayException error, int closeCode, String closeReason) {
            super(error.getMessage(), null, false, false);
            this.metric = metric;
            this.error = error;
            this.closeCode = closeCode;
            this.closeReason = closeReason;
        }
    }
}
