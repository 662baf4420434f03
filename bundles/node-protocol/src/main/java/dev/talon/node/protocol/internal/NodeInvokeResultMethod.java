package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code node.invoke.result {id, nodeId, ok, payload?, payloadJSON?, error?}} (node role): completes the
 * operator's invoke. The node id must be the caller's own; a result for an unknown or expired invoke is
 * acknowledged with {@code ignored:true}.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "node.invoke.result", scope = Scopes.NODE)
public final class NodeInvokeResultMethod implements MethodHandler {
    private final InvokeRouter router;

    @Activate
    public NodeInvokeResultMethod(@Reference InvokeRouter router) {
        this.router = router;
    }

    @Override
    public void handle(MethodCall call) {
        JsonValue.JsonObject p = call.paramsObject();
        String id = Trees.required(call, "id");
        String nodeId = Trees.ownNodeId(call);
        boolean ok = p.bool("ok")
                .orElseThrow(() ->
                        GatewayException.invalidRequest("invalid node.invoke.result params: ok (boolean) required"));
        String payloadJson = p.string("payloadJSON").orElse(null);
        JsonValue.JsonObject error = p.get("error")
                .filter(JsonValue.JsonObject.class::isInstance)
                .map(JsonValue.JsonObject.class::cast)
                .orElse(null);
        boolean taken = router.result(
                nodeId,
                id,
                ok,
                p.get("payload").map(Trees::toNode).orElse(null),
                payloadJson,
                error == null ? null : error.string("code").orElse(null),
                error == null ? null : error.string("message").orElse(null));
        call.respond(taken ? Map.of("ok", true) : Map.of("ok", true, "ignored", true));
    }
}
