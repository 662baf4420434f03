package dev.talon.node.canvas.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code canvas.present} (DANGER_SAFE): shows the canvas panel, optionally at a URL and placement. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        plugin = CanvasHost.SURFACE,
        name = "canvas.present",
        danger = NodeCommand.DANGER_SAFE,
        params_schema = "/schema/canvas.present.json",
        defaultPlatforms = "macos")
public final class CanvasPresentCommand implements NodeCommand {}
