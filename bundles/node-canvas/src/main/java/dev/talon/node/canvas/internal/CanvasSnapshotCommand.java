package dev.talon.node.canvas.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code canvas.snapshot} (DANGER_SAFE): captures the canvas content as an image. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        plugin = CanvasHost.SURFACE,
        name = "canvas.snapshot",
        danger = NodeCommand.DANGER_SAFE,
        params_schema = "/schema/canvas.snapshot.json")
public final class CanvasSnapshotCommand implements NodeCommand {}
