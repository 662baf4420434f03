package dev.talon.plugin.echo.internal;

import dev.talon.gateway.api.EventPublisher;
import dev.talon.gateway.api.GatewayEvent;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code example.echo}: answers {@code {echo: <params>}} and broadcasts {@code example.echoed} to
 * {@code operator.read} holders.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "example.echo", scope = Scopes.READ)
public final class EchoMethod implements MethodHandler {
    private final EventPublisher events;

    @Activate
    public EchoMethod(@Reference EventPublisher events) {
        this.events = events;
    }

    @Override
    public void handle(MethodCall call) {
        events.publish(GatewayEvent.of("example.echoed", Map.of("by", call.connectionId()))
                .guardedBy(Scopes.READ)
                .dropIfSlow());
        call.respond(Map.of("echo", call.params()));
    }
}
