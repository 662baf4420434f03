package dev.talon.cli.launcher;

import dev.talon.cli.CliContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts the gateway JVM for {@code bin/talon gateway run|start}: prepares the state directory, makes sure only
 * one gateway runs per state directory, writes a first-run token, then hands over to the Felix launcher
 * ({@code org.apache.felix.main.Main}), which runs until the framework stops.
 *
 * <p>System properties read: {@code talon.state.dir} (else {@code $TALON_STATE_DIR}, else {@code ~/.talon}),
 * {@code talon.home}, {@code talon.cli.token}, {@code talon.console.level}. Exit codes: 3 when a gateway already runs for the state dir,
 * 1 when the state dir cannot be prepared.
 *
 * <pre>{@code
 * java -cp 'bin/felix.jar:lib/*' -Dtalon.home=$PWD -Dtalon.state.dir=$HOME/.talon \
 *      -Dfelix.config.properties=file:$PWD/etc/config.properties dev.talon.cli.launcher.GatewayLauncher
 * }</pre>
 */
public final class GatewayLauncher {
    /** Exit code when another gateway holds the state dir. */
    public static final int ALREADY_RUNNING = 3;
    /** Threshold of the console log appender; {@code bin/talon gateway start} sets OFF. */
    static final String CONSOLE_LEVEL_PROPERTY = "talon.console.level";
    /** Environment variable {@code bin/talon} uses to pass {@code --token} without exposing it in {@code ps}. */
    static final String TOKEN_FLAG_ENV = "TALON_CLI_TOKEN";
    /** The class-data archive {@code bin/talon} started this JVM with, if any. */
    static final String CDS_ARCHIVE_PROPERTY = "talon.cds.archive";

    // Strong reference for the JVM lifetime: the OS lock lives as long as its channel stays open.
    private static GatewayInstance current;

    private final Map<String, String> env;
    private final Properties props;
    private final PrintStream out;
    private final PrintStream err;

    GatewayLauncher(Map<String, String> env, Properties props, PrintStream out, PrintStream err) {
        this.env = env;
        this.props = props;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws Exception {
        GatewayLauncher launcher = new GatewayLauncher(System.getenv(), System.getProperties(), System.out, System.err);
        Optional<GatewayInstance> instance;
        try {
            instance = launcher.prepare();
        } catch (IOException e) {
            System.err.println("talon: cannot prepare the state dir: " + e);
            System.exit(1);
            return;
        }
        if (instance.isEmpty()) {
            System.exit(ALREADY_RUNNING);
            return;
        }
        current = instance.get();
        Runtime.getRuntime().addShutdownHook(new Thread(current::deletePidFile, "talon-pid-cleanup"));
        org.apache.felix.main.Main.main(new String[0]);
    }

    /**
     * Prepares the state dir and takes the instance lock; on success the returned instance holds the lock and
     * the pid file. Sets {@code talon.state.dir} (absolute) and {@code talon.home} when missing.
     *
     * @return empty when another gateway holds the lock (the message was printed to stderr)
     */
    Optional<GatewayInstance> prepare() throws IOException {
        Path stateDir = CliContext.resolveStateDir(env, props);
        props.setProperty(CliContext.STATE_DIR_PROPERTY, stateDir.toString());
        if (props.getProperty("talon.home") == null) {
            homeFromJar().ifPresent(home -> props.setProperty("talon.home", home.toString()));
        }
        // A daemon that cannot listen is of no use: the core exits (status 78) instead of idling.
        if (props.getProperty("talon.exitOnBindFailure") == null) {
            props.setProperty("talon.exitOnBindFailure", "true");
        }
        // The gateway-logging bundle never writes less severe records to the console than this level.
        if (props.getProperty(CONSOLE_LEVEL_PROPERTY) == null) {
            props.setProperty(CONSOLE_LEVEL_PROPERTY, "ALL");
        }
        createDirectories(stateDir);
        Optional<InstanceLock> lock = InstanceLock.tryAcquire(stateDir.resolve("talon.lock"));
        if (lock.isEmpty()) {
            err.println("talon: a gateway is already running for state dir " + stateDir + " (pid "
                    + readPid(stateDir.resolve("talon.pid")) + ")");
            return Optional.empty();
        }
        GatewayInstance instance = new GatewayInstance(lock.get(), stateDir.resolve("talon.pid"));
        instance.writePidFile();
        mapTokenFlag();
        String home = props.getProperty("talon.home");
        BundleCache.decide(home == null ? null : Path.of(home), stateDir, props);
        markArchiveUsed(props.getProperty(CDS_ARCHIVE_PROPERTY));
        Optional<Path> written = TokenBootstrap.ensureToken(stateDir, env, props);
        written.ifPresent(
                p -> out.println("talon: generated a gateway token; it is stored in " + p + " (gateway.auth.token)"));
        return Optional.of(instance);
    }

    /**
     * Sets the modification time of the class-data archive this JVM runs with to now: {@code bin/talon} keeps the
     * most recently used archives (by that time) when it prunes its cache.
     */
    static void markArchiveUsed(String archive) {
        if (archive == null || archive.isBlank()) {
            return;
        }
        try {
            Files.setLastModifiedTime(Path.of(archive), FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // only the cache's pruning order depends on it
        }
    }

    private void mapTokenFlag() {
        String token = env.get(TOKEN_FLAG_ENV);
        if (token != null && !token.isBlank() && props.getProperty(TokenBootstrap.TOKEN_PROPERTY) == null) {
            props.setProperty(TokenBootstrap.TOKEN_PROPERTY, token);
        }
    }

    private static void createDirectories(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(
                        stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(stateDir);
            }
        }
        for (String sub : new String[] {"deploy", "data", "logs"}) {
            Files.createDirectories(stateDir.resolve(sub));
        }
    }

    static String readPid(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).trim();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code <home>/lib/talon-cli.jar} → {@code <home>}. */
    private static Optional<Path> homeFromJar() {
        try {
            Path jar = Path.of(GatewayLauncher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path lib = jar.getParent();
            return lib != null && lib.getParent() != null ? Optional.of(lib.getParent()) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
