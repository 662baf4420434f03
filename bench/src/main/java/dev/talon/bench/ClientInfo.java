package dev.talon.bench;

import java.util.List;

/**
 * Who a connection says it is in {@code connect}: the {@code client} block, role, caps and commands. The
 * harness is an operator CLI ({@link #OPERATOR}) except for the scripted nodes of {@code invoke}.
 */
record ClientInfo(
        String id,
        String mode,
        String platform,
        String deviceFamily,
        String displayName,
        String role,
        List<String> caps,
        List<String> commands) {
    static final ClientInfo OPERATOR = new ClientInfo(
            Frames.CLIENT_ID, Frames.CLIENT_MODE, Frames.PLATFORM, null, null, Frames.ROLE, List.of(), null);

    ClientInfo {
        caps = List.copyOf(caps);
        commands = commands == null ? null : List.copyOf(commands);
    }

    /** A headless node host ({@code node-host}/{@code node}, linux) declaring {@code commands}. */
    static ClientInfo node(String displayName, List<String> caps, List<String> commands) {
        return new ClientInfo("node-host", "node", "linux", "Linux", displayName, "node", caps, commands);
    }
}
