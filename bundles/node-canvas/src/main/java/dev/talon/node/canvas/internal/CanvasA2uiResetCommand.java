package dev.talon.node.canvas.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code canvas.a2ui.reset} (DANGER_SAFE): clears the node's A2UI surface. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        plugin = CanvasHost.SURFACE,
        name = "canvas.a2ui.reset",
        danger = NodeCommand.DANGER_SAFE,
        params_schema = "/schema/canvas.a2ui.reset.json")
public final class CanvasA2uiResetCommand implements NodeCommand {}
