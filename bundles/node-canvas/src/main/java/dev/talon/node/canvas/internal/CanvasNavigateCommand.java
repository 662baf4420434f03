package dev.talon.node.canvas.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code canvas.navigate} (DANGER_SAFE): loads a hosted document path or an app-local canvas URL. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(
        plugin = CanvasHost.SURFACE,
        name = "canvas.navigate",
        danger = NodeCommand.DANGER_SAFE,
        params_schema = "/schema/canvas.navigate.json",
        defaultPlatforms = "macos")
public final class CanvasNavigateCommand implements NodeCommand {}
