package dev.talon.node.canvas.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code canvas.a2ui.push} (DANGER_SAFE): pushes A2UI messages (array or JSONL) to the node's renderer. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        plugin = CanvasHost.SURFACE,
        name = "canvas.a2ui.push",
        danger = NodeCommand.DANGER_SAFE,
        params_schema = "/schema/canvas.a2ui.push.json")
public final class CanvasA2uiPushCommand implements NodeCommand {}
