package dev.talon.gateway.core.internal.config;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code talon.json} sections core hands to other bundles' Configuration Admin PIDs, declared as data: one
 * {@link Section} per PID, one {@link Key} per property, each with the {@code talon.json} paths it is read from
 * (the first present wins, so the spec's key beats a legacy alias). Types and ranges are checked by
 * {@code talon.schema.json} before this runs, so values are copied as they are (string, boolean, integral number
 * as {@code Long}). Pure and thread-safe.
 *
 * <p>Ownership: a PID is written only while {@code talon.json} sets at least one of its keys; such a
 * configuration carries {@link #SOURCE_PROPERTY}{@code =}{@value #SOURCE}, and when the keys are removed again
 * the loader deletes it (a configuration without the marker, e.g. from a {@code .cfg} file, is never touched).
 */
public final class ConfigSections {
    /** Marks a configuration written from {@code talon.json}. */
    public static final String SOURCE_PROPERTY = "talon.config.source";

    public static final String SOURCE = "talon.json";

    /**
     * One property of a PID.
     *
     * @param property the Configuration Admin property name
     * @param paths dotted {@code talon.json} paths, in precedence order
     */
    public record Key(String property, List<String> paths) {}

    /**
     * A PID fed from {@code talon.json}.
     *
     * @param pid the Configuration Admin PID
     * @param keys its properties
     */
    public record Section(String pid, List<Key> keys) {}

    /** The canvas host (bundle {@code node-canvas}, protocol §5.6.3): spec key first, then the legacy alias. */
    public static final Section CANVAS = new Section(
            "dev.talon.node.canvas",
            List.of(
                    new Key("root", List.of("plugins.entries.canvas.config.host.root", "canvasHost.root")),
                    new Key("enabled", List.of("plugins.entries.canvas.config.host.enabled", "canvasHost.enabled")),
                    new Key("capabilityTtlMs", List.of("plugins.entries.canvas.config.host.capabilityTtlMs"))));

    /** Log levels (bundle {@code gateway-logging}): the file, the console, the file's roll size. */
    public static final Section LOGGING = new Section(
            "dev.talon.logging",
            List.of(
                    new Key("level", List.of("logging.level")),
                    new Key("consoleLevel", List.of("logging.consoleLevel")),
                    new Key("maxFileBytes", List.of("logging.maxFileBytes"))));

    /** Every declared section. */
    public static final List<Section> ALL = List.of(CANVAS, LOGGING);

    private ConfigSections() {}

    /**
     * The properties of every declared PID that {@code file} configures; a PID whose keys are all absent maps to
     * null (not configured from {@code talon.json}). Iteration follows {@link #ALL}.
     */
    public static Map<String, Hashtable<String, Object>> extract(JsonNode file) {
        Map<String, Hashtable<String, Object>> out = new LinkedHashMap<>();
        for (Section s : ALL) {
            out.put(s.pid(), extract(s, file));
        }
        return out;
    }

    static Hashtable<String, Object> extract(Section section, JsonNode file) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (Key k : section.keys()) {
            for (String path : k.paths()) {
                Object v = value(at(file, path));
                if (v != null) {
                    p.put(k.property(), v);
                    break;
                }
            }
        }
        if (p.isEmpty()) {
            return null;
        }
        p.put(SOURCE_PROPERTY, SOURCE);
        return p;
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    private static Object value(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        return n.isString() ? n.stringValue() : null;
    }
}
