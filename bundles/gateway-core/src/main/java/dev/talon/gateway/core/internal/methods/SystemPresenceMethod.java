package dev.talon.gateway.core.internal.methods;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.presence.PresenceTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code system-presence}: the live presence entries as a bare JSON array, newest first. */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "system-presence", scope = Scopes.READ)
public final class SystemPresenceMethod implements MethodHandler {
    private final PresenceTracker presence;

    @Activate
    public SystemPresenceMethod(@Reference PresenceTracker presence) {
        this.presence = presence;
    }

    @Override
    public void handle(MethodCall call) {
        call.respond(presence.list());
    }
}
