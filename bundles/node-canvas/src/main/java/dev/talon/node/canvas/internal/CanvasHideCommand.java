package dev.talon.node.canvas.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code canvas.hide} (DANGER_SAFE): hides the canvas panel without changing its document. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        plugin = CanvasHost.SURFACE,
        name = "canvas.hide",
        danger = NodeCommand.DANGER_SAFE,
        params_schema = "/schema/canvas.hide.json",
        defaultPlatforms = "macos")
public final class CanvasHideCommand implements NodeCommand {}
