package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Serves files below one canvas root directory. Containment is checked twice: the request path is reduced to
 * plain names ({@link RequestPath}), and the file's real path (symlinks resolved) must lie inside the root's
 * real path, so a link pointing out of the root answers 404. Directories serve their {@code index.html}; there
 * is never a listing. Documents are agent-authored, so they run sandboxed in an opaque origin (see
 * {@link HostResponses#sandboxed}). Stateless apart from the root; thread-safe.
 */
final class CanvasFiles {
    static final String INDEX = "index.html";

    private final Path root;

    CanvasFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Answers a request for the percent-encoded {@code raw} path below the root. */
    void serve(HttpExchange ex, String raw) throws IOException {
        if (!HostResponses.readOnly(ex)) {
            return;
        }
        Optional<Path> file = RequestPath.parse(raw).flatMap(this::resolve);
        if (file.isEmpty()) {
            HostResponses.notFound(ex);
            return;
        }
        Path f = file.get();
        HostResponses.sandboxed(ex);
        HostResponses.stream(ex, f.getFileName().toString(), Files.size(f), Files.newInputStream(f));
    }

    /** The regular file a request path names, inside the root; empty when missing or outside. */
    Optional<Path> resolve(RequestPath path) {
        try {
            Path realRoot = root.toRealPath();
            Path candidate = realRoot;
            for (String name : path.segments()) {
                candidate = candidate.resolve(name);
            }
            Path real = candidate.toRealPath();
            if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                real = real.resolve(INDEX).toRealPath();
            } else if (path.directory()) {
                return Optional.empty(); // "file.html/" names no directory
            }
            boolean inside = real.startsWith(realRoot) && !real.equals(realRoot);
            return inside && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) && Files.isReadable(real)
                    ? Optional.of(real)
                    : Optional.empty();
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException | SecurityException unreadable) {
            return Optional.empty();
        }
    }
}
