package dev.talon.node.screen.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code screen.record} (DANGER_APPROVAL): declared by the screen family. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        name = "screen.record",
        danger = NodeCommand.DANGER_APPROVAL,
        params_schema = "/schema/screen.record.json")
public final class ScreenRecordCommand implements NodeCommand {}
