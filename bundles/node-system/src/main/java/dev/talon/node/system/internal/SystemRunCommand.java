package dev.talon.node.system.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code system.run}: runs a command on the node. Approving a surface that declares it needs admin. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(name = "system.run", danger = NodeCommand.DANGER_APPROVAL, params_schema = "/schema/system.run.json")
public final class SystemRunCommand implements NodeCommand {}
