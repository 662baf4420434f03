package dev.talon.node.camera.internal;

import dev.talon.node.protocol.NodeCommand;
import dev.talon.node.protocol.NodeCommandSpec;
import org.osgi.service.component.annotations.Component;

/** {@code camera.clip} (DANGER_APPROVAL): declared by the camera family. */
@Component(service = NodeCommand.class)
@NodeCommandSpec(name = "camera.clip", danger = NodeCommand.DANGER_APPROVAL, params_schema = "/schema/camera.clip.json")
public final class CameraClipCommand implements NodeCommand {}
