package dev.talon.node.location.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code location.get} (DANGER_SAFE): declared by the location family. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(name = "location.get", danger = NodeCommand.DANGER_SAFE, params_schema = "/schema/location.get.json")
public final class LocationGetCommand implements NodeCommand {}
