package dev.talon.node.canvas.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code canvas.eval} (DANGER_APPROVAL): runs JavaScript in the canvas web view: code execution, so approval-gated. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        plugin = CanvasHost.SURFACE,
        name = "canvas.eval",
        danger = NodeCommand.DANGER_APPROVAL,
        params_schema = "/schema/canvas.eval.json")
public final class CanvasEvalCommand implements NodeCommand {}
