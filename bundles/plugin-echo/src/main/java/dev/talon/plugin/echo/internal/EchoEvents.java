package dev.talon.plugin.echo.internal;

import dev.talon.gateway.api.EventSource;
import dev.talon.gateway.api.GatewayEvents;
import org.osgi.service.component.annotations.Component;

/** Advertises {@code example.echoed} in {@code hello-ok.features.events} while this bundle runs. */
@Component(service = EventSource.class)
@GatewayEvents({"example.echoed"})
public final class EchoEvents implements EventSource {}
