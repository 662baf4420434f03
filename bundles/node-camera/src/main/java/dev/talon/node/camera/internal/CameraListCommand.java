package dev.talon.node.camera.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code camera.list} (DANGER_SAFE): declared by the camera family. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(name = "camera.list", danger = NodeCommand.DANGER_SAFE, params_schema = "/schema/camera.list.json")
public final class CameraListCommand implements NodeCommand {}
