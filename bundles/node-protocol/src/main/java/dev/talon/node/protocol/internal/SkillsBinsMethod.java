package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code skills.bins} (node role): the skill executables for exec auto-allow; none until skills exist. */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "skills.bins", scope = Scopes.NODE)
public final class SkillsBinsMethod implements MethodHandler {
    @Override
    public void handle(MethodCall call) {
        call.respond(Map.of("bins", List.of()));
    }
}
