package dev.talon.gateway.core.internal.config;

import dev.talon.gateway.core.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Loads {@code <state dir>/talon.json}, merges env and CLI flags, validates, and pushes the result into
 * Configuration Admin under {@link GatewayConfig#PID}, and the sections declared in {@link ConfigSections} under
 * their bundles' PIDs. Polls the file every {@value #POLL_MS} ms so an edit
 * applies within a second; an invalid edit is logged (key and reason) and the last good config stays.
 *
 * <p>Immediate because nothing needs to reference it for it to do its job: it is the config source.
 */
@Component(service = TalonConfigLoader.class, immediate = true)
public final class TalonConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(TalonConfigLoader.class);
    static final long POLL_MS = 500;
    /** System property (set by the launcher): a daemon whose first configuration is invalid exits (78). */
    static final String EXIT_ON_STARTUP_FAILURE = "talon.exitOnBindFailure";

    private final ConfigurationAdmin configAdmin;
    private final ConfigValidator validator = new ConfigValidator();
    private final ConfigSources sources = new ConfigSources(System.getenv(), System::getProperty);
    private final Path stateDir;
    private final Path file;
    private final ScheduledExecutorService poller;
    /** Guarded by the single poller thread (and activate, before the poller starts). */
    private String lastSeenRevision;

    private volatile ConfigState state;

    /**
     * The loader's outcome so far.
     *
     * @param loaded whether a valid configuration has been applied
     * @param revision the applied file revision (sha-256 of its bytes, {@code "none"} without a file)
     * @param lastError the last rejection, or null when the latest edit was accepted
     * @param appliedAtMs when the config was last applied
     */
    public record ConfigState(boolean loaded, String revision, String lastError, long appliedAtMs) {}

    @Activate
    public TalonConfigLoader(@Reference ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
        this.stateDir = StateDir.resolve();
        this.file = stateDir.resolve(StateDir.CONFIG_FILE);
        this.state = new ConfigState(false, null, null, 0);
        reload();
        if (!state.loaded() && Boolean.getBoolean(EXIT_ON_STARTUP_FAILURE)) {
            exitProcess(state.lastError());
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "talon-config"));
        poller.scheduleWithFixedDelay(this::reloadSafely, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** From a separate thread: the JVM's shutdown hook stops the framework, which waits for SCR. */
    private void exitProcess(String reason) {
        LOG.error("Exiting: {} is invalid ({}); fix it and start again (exit status 78)", file, reason);
        Thread t = new Thread(() -> System.exit(78), "talon-exit");
        t.setDaemon(true);
        t.start();
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    public ConfigState state() {
        return state;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path configFile() {
        return file;
    }

    private void reloadSafely() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while reloading {}", file, e);
        }
    }

    private void reload() {
        byte[] bytes = read();
        String revision = bytes == null ? "none" : sha256(bytes);
        if (revision.equals(lastSeenRevision)) {
            return;
        }
        lastSeenRevision = revision;
        try {
            ConfigSources.Merged merged = sources.merge(bytes == null ? null : parse(bytes));
            merged.warnings().forEach(w -> LOG.warn("Configuration: {}", w));
            Configuration c = configAdmin.getConfiguration(GatewayConfig.PID, "?");
            boolean changed = c.updateIfDifferent(merged.properties());
            for (Map.Entry<String, Hashtable<String, Object>> section :
                    merged.sections().entrySet()) {
                changed |= applySection(section.getKey(), section.getValue());
            }
            state = new ConfigState(true, revision, null, System.currentTimeMillis());
            LOG.info(
                    "Configuration {} from {} (revision {})",
                    changed ? "applied" : "unchanged",
                    bytes == null ? "defaults (no " + StateDir.CONFIG_FILE + ")" : file,
                    revision.substring(0, Math.min(12, revision.length())));
        } catch (IllegalArgumentException e) {
            reject(e.getMessage());
        } catch (IOException e) {
            reject("cannot store the configuration: " + e.getMessage());
        }
    }

    /**
     * Writes (or, when {@code properties} is null, removes) a PID fed from {@code talon.json}. A configuration
     * that did not come from {@code talon.json} (no {@link ConfigSections#SOURCE_PROPERTY}) is never removed.
     */
    private boolean applySection(String pid, Hashtable<String, Object> properties) throws IOException {
        if (properties != null) {
            return configAdmin.getConfiguration(pid, "?").updateIfDifferent(properties);
        }
        Configuration[] existing;
        try {
            existing = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        boolean removed = false;
        for (Configuration c : existing == null ? new Configuration[0] : existing) {
            Dictionary<String, Object> p = c.getProperties();
            if (p != null && ConfigSections.SOURCE.equals(p.get(ConfigSections.SOURCE_PROPERTY))) {
                c.delete();
                removed = true;
            }
        }
        return removed;
    }

    private void reject(String reason) {
        ConfigState s = state;
        state = new ConfigState(s.loaded(), s.revision(), reason, s.appliedAtMs());
        LOG.warn(
                "{} rejected, {}: {}",
                file,
                s.loaded() ? "keeping the last good configuration" : "gateway not started",
                reason);
    }

    private JsonNode parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = Json.LENIENT.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage() + locationOf(e));
        }
        if (tree == null || tree.isMissingNode()) {
            tree = Json.LENIENT.createObjectNode();
        }
        List<String> problems = validator.validate(tree);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return tree;
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
