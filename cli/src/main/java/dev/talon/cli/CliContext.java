package dev.talon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a command reads from its process: environment, system properties and standard streams.
 * Tests build one with their own maps and streams instead of touching the real process. Not thread-safe
 * except for the immutable parts ({@link #env()}, {@link #json()}).
 */
public final class CliContext {
    /** System property holding the state directory (set by {@code bin/talon}). */
    public static final String STATE_DIR_PROPERTY = "talon.state.dir";
    /** System property holding the Talon version (set by {@code bin/talon}). */
    public static final String VERSION_PROPERTY = "talon.version";
    /** Environment variable naming the state directory. */
    public static final String STATE_DIR_ENV = "TALON_STATE_DIR";

    /** Holder: Jackson is initialised only when a command needs JSON, never by the gateway launcher. */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
                .build();
    }

    private final Map<String, String> env;
    private final Properties props;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public CliContext(Map<String, String> env, Properties props, InputStream in, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.props = props;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The context of the running process. */
    public static CliContext system() {
        return new CliContext(System.getenv(), System.getProperties(), System.in, System.out, System.err);
    }

    public Map<String, String> env() {
        return env;
    }

    /** An environment variable, or null when unset or blank. */
    public String envValue(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    public Properties props() {
        return props;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** A JSON mapper that accepts comments and trailing commas. Thread-safe. */
    public JsonMapper json() {
        return Json.MAPPER;
    }

    /** The state directory: property {@value #STATE_DIR_PROPERTY}, else {@code $TALON_STATE_DIR}, else {@code ~/.talon}. */
    public Path stateDir() {
        return resolveStateDir(env, props);
    }

    /** The shared state-dir rule, also used by the launcher. Returns an absolute, normalized path. */
    public static Path resolveStateDir(Map<String, String> env, Properties props) {
        String fromProp = props.getProperty(STATE_DIR_PROPERTY);
        String fromEnv = env.get(STATE_DIR_ENV);
        String raw = notBlank(fromProp) ? fromProp : notBlank(fromEnv) ? fromEnv : null;
        Path dir = raw != null ? Path.of(raw) : Path.of(props.getProperty("user.home", "."), ".talon");
        return dir.toAbsolutePath().normalize();
    }

    /** The Talon version: property {@value #VERSION_PROPERTY}, else the version this jar was built as. */
    public String version() {
        String v = props.getProperty(VERSION_PROPERTY);
        return notBlank(v) ? v : builtVersion();
    }

    static String builtVersion() {
        Properties built = new Properties();
        try (InputStream s = CliContext.class.getResourceAsStream("version.properties")) {
            if (s != null) {
                built.load(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return built.getProperty("version", "dev");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
