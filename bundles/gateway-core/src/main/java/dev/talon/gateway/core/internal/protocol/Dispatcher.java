package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.conn.Principal;
import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.registry.MethodEntry;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Post-handshake request dispatch in the protocol's order (§1.6): frame validation, {@code health} bypass,
 * role gate, scope check, handler lookup, then the handler under a deadline. The registry lookup is a map
 * read; the handler runs on the calling worker thread inside the isolation boundary.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** More consecutive {@code unauthorized role} errors than this close the connection. */
    static final int MAX_ROLE_ERRORS = 10;
    /** Node-role methods of the protocol; unregistered ones still answer {@code unknown method} to nodes. */
    static final Set<String> PROTOCOL_NODE_METHODS = Set.of(
            "skills.bins",
            "node.pluginSurface.refresh",
            "node.pluginTools.update",
            "node.skills.update",
            "node.runnerInventory.update",
            "node.pending.drain",
            "node.pending.pull",
            "node.pending.ack",
            "node.invoke.progress",
            "node.invoke.result",
            "node.event");

    private final GatewayContext ctx;
    private final Deadlines deadlines;
    private final IdempotencyCache idempotency = new IdempotencyCache(System::currentTimeMillis);
    private final java.util.concurrent.ScheduledFuture<?> idempotencySweep;

    public Dispatcher(GatewayContext ctx) {
        this.ctx = ctx;
        this.deadlines = new Deadlines(ctx.workers().timers(), this::timedOut);
        this.idempotencySweep = ctx.workers()
                .timers()
                .scheduleWithFixedDelay(idempotency::sweep, 60, 60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Stops the timers (the listener is going away). */
    public void close() {
        deadlines.close();
        idempotencySweep.cancel(false);
    }

    public void dispatch(Connection c, String text) {
        RequestEnvelope plain = RequestEnvelope.read(text);
        if (plain != null) {
            route(c, plain.id(), plain.method(), plain.params());
            return;
        }
        JsonNode frame;
        try {
            frame = Json.parse(text);
        } catch (JacksonException e) {
            reject(
                    c,
                    "invalid",
                    "requests.invalidJson",
                    GatewayException.invalidRequest("invalid request frame: not valid JSON"));
            return;
        }
        String problems = RequestFrames.problems(frame);
        String id = RequestFrames.validId(frame);
        if (problems != null) {
            reject(
                    c,
                    id == null ? "invalid" : id,
                    "requests.invalidFrame",
                    GatewayException.invalidRequest("invalid request frame: " + problems));
            return;
        }
        route(c, id, frame.get("method").stringValue(), frame.get("params"));
    }

    private void route(Connection c, String id, String method, JsonNode params) {
        Principal p = c.principal();
        if ("connect".equals(method)) {
            reject(
                    c,
                    id,
                    "requests.repeatedConnect",
                    GatewayException.invalidRequest("connect is only valid as the first request"));
            return;
        }
        MethodEntry entry = ctx.registry().lookup(method);
        String scope =
                entry != null ? entry.scope() : PROTOCOL_NODE_METHODS.contains(method) ? Scopes.NODE : Scopes.ADMIN;
        if (!"health".equals(method) && !authorized(c, p, id, method, scope)) {
            return;
        }
        if (entry == null) {
            reject(c, id, "requests.unknownMethod", GatewayException.invalidRequest("unknown method: " + method));
            return;
        }
        invoke(c, id, method, params, entry);
    }

    private boolean authorized(Connection c, Principal p, String id, String method, String scope) {
        if (Scopes.NODE.equals(scope) != p.isNode()) {
            reject(
                    c,
                    id,
                    "requests.unauthorizedRole",
                    GatewayException.invalidRequest("unauthorized role: " + p.role()));
            if (c.roleError(true) > MAX_ROLE_ERRORS) {
                c.close(1008, "repeated unauthorized calls");
            }
            return false;
        }
        c.roleError(false);
        if (!p.isNode() && !Scopes.satisfies(p.scopes(), scope)) {
            Map<String, Object> d =
                    Map.of("code", "MISSING_SCOPE", "missingScope", scope, "requiredScopes", List.of(scope));
            reject(
                    c,
                    id,
                    "requests.missingScope",
                    new GatewayException(ErrorCode.FORBIDDEN, "missing scope: " + scope, d, null, null));
            return false;
        }
        return true;
    }

    private void invoke(Connection c, String id, String method, JsonNode params, MethodEntry entry) {
        ctx.metrics().count("requests.dispatched");
        try {
            entry.paramsSchema().validate(method, params);
        } catch (GatewayException invalid) {
            reject(c, id, "requests.invalidParams", invalid);
            return;
        }
        String key = idempotencyKey(c, id, method, params, entry);
        if (IDEMPOTENCY_ANSWERED.equals(key)) {
            return;
        }
        Call.Outcome outcome = key == null ? (p, e) -> {} : (p, e) -> idempotency.complete(key, p, e);
        Call call = new Call(c, id, method, params, ctx.settings().get().handlerTimeoutMs(), deadlines, outcome);
        try {
            MethodHandler handler = entry.handler();
            if (handler == null) {
                call.fail(GatewayException.invalidRequest("unknown method: " + method));
                return;
            }
            handler.handle(call);
        } catch (VirtualMachineError fatal) {
            call.fail(ErrorMapper.map(method, fatal));
            throw fatal;
        } catch (Throwable t) { // the isolation boundary: nothing a handler throws escapes
            ctx.metrics().count(t instanceof GatewayException ? "requests.failed" : "requests.internalError");
            call.fail(ErrorMapper.map(method, t));
        }
    }

    /** Marker: the repeat was answered from the idempotency cache. */
    private static final String IDEMPOTENCY_ANSWERED = "\u0000answered";

    /**
     * The cache key of a deduplicated call, null when the method is not deduplicated (or the optional key is
     * absent), or {@link #IDEMPOTENCY_ANSWERED} after answering a repeat, a conflict or a missing required key.
     */
    private String idempotencyKey(Connection c, String id, String method, JsonNode params, MethodEntry entry) {
        if (MethodHandler.IDEMPOTENCY_NONE.equals(entry.idempotency())) {
            return null;
        }
        JsonNode k = params == null || !params.isObject() ? null : params.get("idempotencyKey");
        if (k == null || !k.isString() || k.stringValue().isEmpty()) {
            if (MethodHandler.IDEMPOTENCY_REQUIRED.equals(entry.idempotency())) {
                reject(
                        c,
                        id,
                        "requests.idempotencyKeyMissing",
                        GatewayException.invalidRequest(
                                "invalid " + method + " params: idempotencyKey (non-empty string) required"));
                return IDEMPOTENCY_ANSWERED;
            }
            return null;
        }
        String key = method + ":" + k.stringValue();
        IdempotencyCache.Decision d = idempotency.begin(key, paramsFingerprint(params));
        if (d instanceof IdempotencyCache.Run) {
            return key;
        }
        ctx.metrics().count("requests.idempotentRepeat");
        if (d instanceof IdempotencyCache.Replay r) {
            if (r.error() != null) {
                c.send(Frames.error(id, r.error()));
            } else {
                c.send(Frames.okUtf8(id, r.payload()));
            }
        } else if (d instanceof IdempotencyCache.InFlight) {
            c.send(Frames.ok(id, Map.of("status", "in_flight", "idempotencyKey", k.stringValue())));
        } else {
            reject(
                    c,
                    id,
                    "requests.idempotencyConflict",
                    GatewayException.invalidRequest(
                            "idempotencyKey already used with different " + method + " params"));
        }
        return IDEMPOTENCY_ANSWERED;
    }

    /** Params up to this many chars of JSON are compared as text; longer ones by their SHA-256. */
    static final int FINGERPRINT_TEXT_MAX = 512;

    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * What a repeat's params must equal to replay: their JSON text when short (exact, and cheaper than a
     * digest), else its SHA-256. The prefixes keep the two forms apart.
     */
    static String paramsFingerprint(JsonNode params) {
        String text = Json.write(params);
        if (text.length() <= FINGERPRINT_TEXT_MAX) {
            return "=" + text;
        }
        byte[] digest = SHA256.get().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "#" + java.util.HexFormat.of().formatHex(digest);
    }

    private void timedOut(Call call) {
        long timeout = call.timeoutMs();
        if (call.fail(new GatewayException(
                ErrorCode.UNAVAILABLE,
                call.method() + " timed out after " + timeout + " ms",
                Map.of("reason", "handler-timeout"),
                Boolean.TRUE,
                1000L))) {
            ctx.metrics().count("requests.timedOut");
            LOG.warn("Method '{}' did not complete within {} ms", call.method(), timeout);
        }
    }

    /** Answers the busy case when the worker pool is saturated; called from the network thread. */
    public void busy(Connection c, String text) {
        ctx.metrics().count("requests.busy");
        String id = "invalid";
        try {
            String parsed = RequestFrames.validId(Json.parse(text));
            id = parsed == null ? id : parsed;
        } catch (JacksonException ignored) {
            // answered with the "invalid" id
        }
        c.send(Frames.error(id, GatewayException.unavailable("gateway busy, retry shortly", 500)));
    }

    private void reject(Connection c, String id, String metric, GatewayException e) {
        ctx.metrics().count(metric);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Request {} on {} refused: {}", Sanitize.forLog(id), c.id(), Sanitize.forLog(e.getMessage()));
        }
        c.send(Frames.error(id, e));
    }
}
