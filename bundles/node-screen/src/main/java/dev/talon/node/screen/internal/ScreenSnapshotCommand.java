package dev.talon.node.screen.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code screen.snapshot} (DANGER_APPROVAL): declared by the screen family. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        name = "screen.snapshot",
        danger = NodeCommand.DANGER_APPROVAL,
        params_schema = "/schema/screen.snapshot.json")
public final class ScreenSnapshotCommand implements NodeCommand {}
