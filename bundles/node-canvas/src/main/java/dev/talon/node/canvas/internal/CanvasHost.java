package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.StateDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canvas host: its root directory, its capability tokens and their lifetime. Configured under PID
 * {@value #PID} (optional; e.g. {@code <state>/deploy/dev.talon.node.canvas.cfg}), reconfigured live.
 */
@Component(
        service = CanvasHost.class,
        configurationPid = CanvasHost.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CanvasHost.Config.class)
public final class CanvasHost {
    static final String PID = "dev.talon.node.canvas";
    /** The plugin surface this bundle serves. */
    static final String SURFACE = "canvas";

    private static final Logger LOG = LoggerFactory.getLogger(CanvasHost.class);

    @ObjectClassDefinition(name = "Talon canvas host", description = "Hosted canvas documents and A2UI assets.")
    public @interface Config {
        long DEFAULT_TTL_MS = 600_000;

        @AttributeDefinition(
                name = "Canvas root",
                description = "Directory served at /__openclaw__/canvas/; empty for <state>/data/canvas.")
        String root() default "";

        @AttributeDefinition(
                name = "Capability lifetime (ms)",
                description =
                        "How long a capability URL handed to a node stays valid (10000-86400000, default 600000).")
        long capabilityTtlMs() default DEFAULT_TTL_MS;

        @AttributeDefinition(
                name = "Enabled",
                description = "Serve /__openclaw__/canvas/, /__openclaw__/a2ui/ and node capability URLs.")
        boolean enabled() default true;
    }

    /** The settings in force, swapped in one assignment. */
    record Settings(CanvasFiles files, long ttlMs, boolean enabled) {}

    private final StateDirectory state;
    private final Capabilities capabilities = new Capabilities(System::currentTimeMillis);
    private volatile Settings settings;

    @Activate
    public CanvasHost(@Reference StateDirectory state, Config config) {
        this.state = state;
        configure(config);
    }

    /** A bad change (e.g. a root that cannot be created) keeps the settings in force, so the host stays up. */
    @Modified
    void modified(Config config) {
        try {
            configure(config);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            LOG.warn("Canvas host configuration rejected, keeping the last good one: {}", e.getMessage());
        }
    }

    private void configure(Config config) {
        long ttl = config.capabilityTtlMs();
        if (ttl < 10_000 || ttl > 86_400_000) {
            throw new IllegalArgumentException("capabilityTtlMs: must be between 10000 and 86400000, not " + ttl);
        }
        Path root;
        try {
            root = config.root().isBlank() ? state.data("canvas") : resolve(config.root());
            prepare(root);
        } catch (IOException e) {
            throw new UncheckedIOException("root: cannot prepare the canvas root " + config.root(), e);
        }
        settings = new Settings(new CanvasFiles(root), ttl, config.enabled());
        if (config.enabled()) {
            LOG.info("Canvas host serving {} (capabilities live {} ms)", root, ttl);
        } else {
            LOG.info("Canvas host disabled (enabled=false)");
        }
    }

    /** An absolute path, or one below the user's home for a leading {@code ~/}; relative paths are refused. */
    static Path resolve(String configured) {
        Path p = configured.startsWith("~/")
                ? Paths.get(System.getProperty("user.home")).resolve(configured.substring(2))
                : Paths.get(configured);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("root: must be an absolute path or start with ~/, not " + configured);
        }
        return p.normalize();
    }

    /** Creates the root with a small default page (and {@code documents/}) when it has no index yet. */
    static void prepare(Path root) throws IOException {
        Files.createDirectories(root.resolve("documents"));
        Path index = root.resolve(CanvasFiles.INDEX);
        if (Files.notExists(index)) {
            try (InputStream in = CanvasHost.class.getResourceAsStream("/canvas/default-index.html")) {
                Files.write(index, in.readAllBytes());
            }
        }
    }

    CanvasFiles files() {
        return settings.files();
    }

    long ttlMs() {
        return settings.ttlMs();
    }

    /** Whether the host serves anything (routes answer 404 and nodes get no capability URL when not). */
    boolean enabled() {
        return settings.enabled();
    }

    /** A capability URL for the canvas surface of one node connection. */
    record SurfaceUrl(String url, long expiresAtMs) {}

    /** Mints a capability for {@code connectionId} and builds its URL on {@code baseUrl}. */
    SurfaceUrl mint(String baseUrl, String connectionId) {
        Capabilities.Grant g = capabilities.mint(connectionId, SURFACE, ttlMs());
        return new SurfaceUrl(baseUrl + CapabilityRoute.PREFIX + g.token(), g.expiresAtMs());
    }

    Capabilities capabilities() {
        return capabilities;
    }
}
