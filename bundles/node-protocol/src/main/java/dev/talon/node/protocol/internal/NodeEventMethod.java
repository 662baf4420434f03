package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.ClientInfo;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import tools.jackson.databind.JsonNode;

/**
 * {@code node.event {event, payload?, payloadJSON?}} (node role, protocol §3.5): answers
 * {@code {ok:true, event, handled, reason?}}. A string {@code payloadJSON} wins over {@code payload}. Handled:
 * {@code node.host.stats} (stored, broadcast {@code node.hostStats}), {@code node.presence.alive} (durable
 * last-seen), {@code node.presence.activity} (broadcast {@code node.presence}), and
 * {@code exec.started|finished|denied}, which are accepted only for a {@code system.run} the gateway forwarded
 * to this very node connection. Reports from a connection that is no longer the node's current one are
 * {@code stale_connection}; anything else is {@code unsupported_event}.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.event", scope = Scopes.NODE)
public final class NodeEventMethod implements MethodHandler {
    static final long MAX_IDLE_SECONDS = 2_592_000;
    static final Set<String> ALIVE_TRIGGERS =
            Set.of("background", "silent_push", "bg_app_refresh", "significant_location", "manual", "connect");

    /** One event from a node connection; {@code payload} is null when absent or not JSON. */
    record Event(String nodeId, String connectionId, ClientInfo client, String name, JsonNode payload) {}

    /** How an event was taken; {@code reason} may be null. */
    record Outcome(boolean handled, String reason) {}

    private static final Outcome INVALID = new Outcome(false, "invalid_payload");
    private static final Outcome STALE = new Outcome(false, "stale_connection");

    private final NodeRegistry nodes;
    private final NodeEvents events;
    private final NodeApprovals approvals;
    private final ExecRuns execRuns;
    private final Map<String, Function<Event, Outcome>> handlers;

    @Activate
    public NodeEventMethod(
            @Reference NodeRegistry nodes,
            @Reference NodeEvents events,
            @Reference NodeApprovals approvals,
            @Reference ExecRuns execRuns) {
        this.nodes = nodes;
        this.events = events;
        this.approvals = approvals;
        this.execRuns = execRuns;
        this.handlers = Map.of(
                "node.host.stats",
                this::hostStats,
                "node.presence.alive",
                this::alive,
                "node.presence.activity",
                this::activity,
                "exec.started",
                e -> exec(e, false),
                "exec.finished",
                e -> exec(e, true),
                "exec.denied",
                e -> exec(e, true));
    }

    @Override
    public void handle(MethodCall call) {
        String name = Trees.required(call, "event");
        JsonNode payload = call.paramsObject()
                .string("payloadJSON")
                .map(NodeEventMethod::parse)
                .orElseGet(() ->
                        call.paramsObject().get("payload").map(Trees::toNode).orElse(null));
        nodes.registerCaller(call);
        Function<Event, Outcome> handler = handlers.get(name);
        Outcome o = handler == null
                ? new Outcome(false, "unsupported_event")
                : handler.apply(new Event(Trees.callerNode(call), call.connectionId(), call.client(), name, payload));
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("ok", true);
        res.put("event", name);
        res.put("handled", o.handled());
        if (o.reason() != null) {
            res.put("reason", o.reason());
        }
        call.respond(res);
    }

    private Outcome hostStats(Event e) {
        JsonNode p = e.payload();
        if (p == null
                || !p.isObject()
                || !inRange(p.get("cpuCount"), 1, 4096)
                || !inRange(p.get("memoryTotalBytes"), 0, Long.MAX_VALUE)
                || !inRange(
                        p.get("memoryFreeBytes"), 0, p.path("memoryTotalBytes").asLong())) {
            return INVALID;
        }
        Map<String, Object> stats = new LinkedHashMap<>(InvokeRouter.JSON.convertValue(p, Map.class));
        stats.put("updatedAtMs", System.currentTimeMillis());
        if (!nodes.report(e.nodeId(), e.connectionId(), Map.of("hostStats", stats))) {
            return STALE;
        }
        events.hostStats(e.nodeId(), stats);
        return new Outcome(true, "updated");
    }

    private Outcome alive(Event e) {
        JsonNode p = e.payload();
        if (p == null || !p.isObject()) {
            return INVALID;
        }
        String trigger = p.path("trigger").isString() ? p.path("trigger").stringValue() : "";
        approvals.seen(
                e.nodeId(), System.currentTimeMillis(), ALIVE_TRIGGERS.contains(trigger) ? trigger : "background");
        return new Outcome(true, "persisted");
    }

    private Outcome activity(Event e) {
        JsonNode p = e.payload();
        if (p == null || !p.isObject()) {
            return INVALID;
        }
        long now = System.currentTimeMillis();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("presenceUpdatedAtMs", now);
        if ("clear".equals(p.path("action").asString(""))) {
            fields.put("lastActiveAtMs", null);
            fields.put("activitySource", null);
        } else {
            String source = p.path("source").isString() ? p.path("source").stringValue() : "system";
            if (!inRange(p.get("idleSeconds"), 0, MAX_IDLE_SECONDS)
                    || !Set.of("app", "system").contains(source)) {
                return INVALID;
            }
            if ("system".equals(source)
                    && !Boolean.TRUE.equals(e.client().surface().permissions().get("accessibility"))) {
                return new Outcome(false, "permission_required"); // system-wide activity needs accessibility
            }
            fields.put("lastActiveAtMs", now - p.get("idleSeconds").longValue() * 1000);
            fields.put("activitySource", source);
        }
        if (!nodes.report(e.nodeId(), e.connectionId(), fields)) {
            return STALE;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("nodeId", e.nodeId());
        fields.forEach((k, v) -> {
            if (v != null) {
                ev.put(k, v);
            }
        });
        events.nodePresence(ev);
        return new Outcome(true, fields.get("lastActiveAtMs") == null ? "cleared" : "updated");
    }

    private Outcome exec(Event e, boolean ends) {
        JsonNode p = e.payload();
        String runId = p != null && p.path("runId").isString() ? p.path("runId").stringValue() : null;
        String sessionKey = p != null && p.path("sessionKey").isString()
                ? p.path("sessionKey").stringValue()
                : null;
        return execRuns.match(e.nodeId(), e.connectionId(), runId, sessionKey, ends)
                ? new Outcome(true, null)
                : new Outcome(false, "unmatched_exec_event");
    }

    private static boolean inRange(JsonNode n, long min, long max) {
        return n != null && n.isIntegralNumber() && n.longValue() >= min && n.longValue() <= max;
    }

    private static JsonNode parse(String json) {
        try {
            return InvokeRouter.JSON.readTree(json);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
