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
    static final Set<String> PROTOCOL_NODE_METHODS = Set.of("skills.bins", "node.pluginSurface.refresh",
            "node.pluginTools.update", "node.skills.update", "node.runnerInventory.update", "node.pending.drain",
            "node.pending.pull", "node.pending.ack", "node.invoke.progress", "node.invoke.result", "node.event");

    private final GatewayContext ctx;
    private final Deadlines deadlines;

    public Dispatcher(GatewayContext ctx) {
        this.ctx = ctx;
        this.deadlines = new Deadlines(ctx.workers().timers(), this::timedOut);
    }

    /** Stops the deadline sweeper (the listener is going away). */
    public void close() {
        deadlines.close();
    }

    public void dispatch(Connection c, String text) {
        JsonNode frame;
        try {
            frame = Json.parse(text);
        } catch (JacksonException e) {
            reject(c, "invalid", "requests.invalidJson", GatewayException.invalidRequest("invalid request frame: not valid JSON"));
            return;
        }
        String problems = RequestFrames.problems(frame);
        String id = RequestFrames.validId(frame);
        if (problems != null) {
            reject(c, id == null ? "invalid" : id, "requests.invalidFrame", GatewayException.invalidRequest("invalid request frame: " + problems));
            return;
        }
        route(c, id, frame.get("method").stringValue(), frame.get("params"));
    }

    private void route(Connection c, String id, String method, JsonNode params) {
        Principal p = c.principal();
        if ("connect".equals(method)) {
            reject(c, id, "requests.repeatedConnect", GatewayException.invalidRequest("connect is only valid as the first request"));
            return;
        }
        MethodEntry entry = ctx.registry().lookup(method);
        String scope = entry != null ? entry.scope() : PROTOCOL_NODE_METHODS.contains(method) ? Scopes.NODE : Scopes.ADMIN;
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
            reject(c, id, "requests.unauthorizedRole", GatewayException.invalidRequest("unauthorized role: " + p.role()));
            if (c.roleError(true) > MAX_ROLE_ERRORS) {
                c.close(1008, "repeated unauthorized calls");
            }
            return false;
        }
        c.roleError(false);
        if (!p.isNode() && !Scopes.satisfies(p.scopes(), scope)) {
            Map<String, Object> d = Map.of("code", "MISSING_SCOPE", "missingScope", scope, "requiredScopes", List.of(scope));
            reject(c, id, "requests.missingScope", new GatewayException(ErrorCode.FORBIDDEN, "missing scope: " + scope, d, null, null));
            return false;
        }
        return true;
    }

    private void invoke(Connection c, String id, String method, JsonNode params, MethodEntry entry) {
        ctx.metrics().count("requests.dispatched");
        Call call = new Call(c, id, method, params, ctx.settings().get().handlerTimeoutMs(), deadlines);
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

    private void timedOut(Call call) {
        long timeout = call.timeoutMs();
        if (call.fail(new GatewayException(ErrorCode.UNAVAILABLE, call.method() + " timed out after " + timeout + " ms",
                Map.of("reason", "handler-timeout"), Boolean.TRUE, 1000L))) {
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
