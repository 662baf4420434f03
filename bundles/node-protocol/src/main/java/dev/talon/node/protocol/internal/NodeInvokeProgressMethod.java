package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code node.invoke.progress {invokeId, nodeId, seq, chunk}} (node role, protocol §3.4.3): a chunk of a
 * streaming command's output, forwarded as a {@code node.invoke.progress} event to the operator connection that
 * made the invoke, and to no one else. Answers {@code {ok:true, ignored}}; {@code ignored:true} for an unknown,
 * finished or other node's invoke.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(
        name = "node.invoke.progress",
        scope = Scopes.NODE,
        params_schema = "/schema/node-invoke-progress-params.json")
public final class NodeInvokeProgressMethod implements MethodHandler {
    static final int MAX_CHUNK_BYTES = 16_384;

    private final InvokeRouter router;

    @Activate
    public NodeInvokeProgressMethod(@Reference InvokeRouter router) {
        this.router = router;
    }

    @Override
    public void handle(MethodCall call) {
        String nodeId = Trees.ownNodeId(call);
        String chunk = call.paramsObject().string("chunk").orElse("");
        if (chunk.getBytes(StandardCharsets.UTF_8).length > MAX_CHUNK_BYTES) {
            throw GatewayException.invalidRequest("progress chunk too large");
        }
        boolean forwarded = router.progress(
                nodeId,
                Trees.required(call, "invokeId"),
                call.paramsObject().integer("seq").orElse(0L),
                chunk);
        call.respond(Map.of("ok", true, "ignored", !forwarded));
    }
}
