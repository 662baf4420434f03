package dev.talon.gateway.api;

import java.util.List;
import java.util.Map;

/**
 * What a node connection declared at {@code connect}: claims, not grants. Which commands are effective is
 * decided by node approval and the installed command families.
 *
 * @param caps coarse capability categories, e.g. {@code system}
 * @param commands exact command names, e.g. {@code system.run}
 * @param permissions OS permission states by name
 * @param pathEnv the node host's {@code PATH}, or null
 */
public record NodeSurface(List<String> caps, List<String> commands, Map<String, Boolean> permissions, String pathEnv) {
    /** Nothing declared. */
    public static final NodeSurface NONE = new NodeSurface(List.of(), List.of(), Map.of(), null);

    public NodeSurface {
        caps = List.copyOf(caps);
        commands = List.copyOf(commands);
        permissions = Map.copyOf(permissions);
    }
}
