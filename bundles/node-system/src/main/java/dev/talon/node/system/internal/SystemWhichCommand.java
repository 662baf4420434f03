package dev.talon.node.system.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code system.which}: resolves executables on the node's PATH. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(name = "system.which", danger = NodeCommand.DANGER_SAFE, params_schema = "/schema/system.which.json")
public final class SystemWhichCommand implements NodeCommand {}
