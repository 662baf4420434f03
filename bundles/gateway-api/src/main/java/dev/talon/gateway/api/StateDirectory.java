package dev.talon.gateway.api;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The user state directory ({@code ~/.talon} or {@code TALON_STATE_DIR}) and crash-safe writes into it, for
 * contributions that keep durable state. Provided by the core; thread-safe.
 */
@ProviderType
public interface StateDirectory {

    /** The state directory root. */
    Path root();

    /** {@code <root>/data/<name>}, created if missing: a contribution's own data folder. */
    Path data(String name) throws IOException;

    /**
     * Replaces {@code file} with {@code content} so that a crash at any point leaves the old or the new
     * content, never a torn file (temporary sibling, fsync, atomic rename, directory fsync). The file is
     * created owner-only (0600).
     */
    void writeAtomically(Path file, byte[] content) throws IOException;
}
