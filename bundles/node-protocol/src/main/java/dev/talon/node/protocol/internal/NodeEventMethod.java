package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code node.event {event, payload?, payloadJSON?}} (node role). {@code node.host.stats} is stored and
 * broadcast as {@code node.hostStats}; other events are acknowledged as unsupported (protocol §3.5).
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.event", scope = Scopes.NODE)
public final class NodeEventMethod implements MethodHandler {
    private final NodeRegistry nodes;
    private final NodeEvents events;

    @Activate
    public NodeEventMethod(@Reference NodeRegistry nodes, @Reference NodeEvents events) {
        this.nodes = nodes;
        this.events = events;
    }

    @Override
    public void handle(MethodCall call) {
        String event = Trees.required(call, "event");
        String nodeId = Trees.callerNode(call);
        if (event.startsWith("exec.")) {
            // system.run lifecycle: no agent sessions yet, so no run can be matched (protocol §3.5)
            call.respond(Map.of("ok", true, "event", event, "handled", false, "reason", "unmatched_exec_event"));
            return;
        }
        if (!"node.host.stats".equals(event)) {
            call.respond(Map.of("ok", true, "event", event, "handled", false, "reason", "unsupported_event"));
            return;
        }
        Object stats = call.paramsObject()
                .string("payloadJSON")
                .map(s -> (Object) parse(s))
                .orElseGet(() ->
                        call.paramsObject().get("payload").map(Trees::toNode).orElse(null));
        if (stats == null) {
            call.respond(Map.of("ok", true, "event", event, "handled", false, "reason", "invalid_payload"));
            return;
        }
        nodes.hostStats(nodeId, stats);
        events.hostStats(nodeId, stats);
        call.respond(Map.of("ok", true, "event", event, "handled", true, "reason", "updated"));
    }

    private static Object parse(String json) {
        try {
            return InvokeRouter.JSON.readTree(json);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
