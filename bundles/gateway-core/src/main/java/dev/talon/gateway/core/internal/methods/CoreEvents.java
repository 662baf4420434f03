package dev.talon.gateway.core.internal.methods;

import dev.talon.gateway.api.EventSource;
import dev.talon.gateway.api.GatewayEvents;
import org.osgi.service.component.annotations.Component;

/** Declares the events the core emits itself, so they are advertised like any contribution's. */
@Component(service = EventSource.class)
@GatewayEvents({"connect.challenge", "tick", "presence", "health", "shutdown"})
public final class CoreEvents implements EventSource {}
