package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code node.skills.update} (node role, protocol §3.6): replaces the node's skill catalog.
 * Answers {@code {nodeId, skills}}; a caller that is not a connected node gets {@code INVALID_REQUEST "unknown nodeId"}.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(
        name = "node.skills.update",
        scope = Scopes.NODE,
        params_schema = "/schema/node-skills-update-params.json")
public final class NodeSkillsUpdateMethod implements MethodHandler {
    private final NodeRegistry nodes;

    @Activate
    public NodeSkillsUpdateMethod(@Reference NodeRegistry nodes) {
        this.nodes = nodes;
    }

    @Override
    public void handle(MethodCall call) {
        call.respond(nodes.reportFromCall(call, "nodeSkills", "skills"));
    }
}
