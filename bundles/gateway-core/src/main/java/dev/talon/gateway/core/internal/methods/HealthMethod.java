package dev.talon.gateway.core.internal.methods;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.health.HealthMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code health}: the cached HealthSnapshot (at most a minute old), or a fresh one with {@code probe:true},
 * plus {@code modelRuntime}. Callable by any authenticated role (the dispatcher exempts it).
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "health", scope = Scopes.READ)
public final class HealthMethod implements MethodHandler {
    private final HealthMonitor health;

    @Activate
    public HealthMethod(@Reference HealthMonitor health) {
        this.health = health;
    }

    @Override
    public void handle(MethodCall call) {
        boolean probe = call.params() instanceof JsonValue.JsonObject o
                && o.bool("probe").orElse(false);
        if (probe) {
            call.respond(HealthMonitor.result(health.refresh()));
        } else {
            call.respond(health.cachedResult());
        }
    }
}
