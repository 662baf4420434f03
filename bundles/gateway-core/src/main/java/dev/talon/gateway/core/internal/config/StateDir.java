package dev.talon.gateway.core.internal.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The user state directory: system property {@value #PROPERTY}, else env {@code TALON_STATE_DIR}, else
 * {@code ~/.talon}. Holds {@code talon.json}, {@code deploy/}, {@code data/} and {@code logs/}.
 */
public final class StateDir {
    public static final String PROPERTY = "talon.state.dir";
    public static final String CONFIG_FILE = "talon.json";

    private StateDir() {}

    /** Resolves the state directory and creates its sub-folders. */
    public static Path resolve() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("TALON_STATE_DIR");
        }
        Path root =
                dir == null || dir.isBlank() ? Paths.get(System.getProperty("user.home"), ".talon") : Paths.get(dir);
        try {
            for (String sub : new String[] {"deploy", "data", "logs"}) {
                Files.createDirectories(root.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + root, e);
        }
        return root.toAbsolutePath();
    }
}
