package dev.talon.logging.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * One immutable view of the logging configuration. Levels are SLF4J's integer levels ({@link #TRACE} 0 to
 * {@link #ERROR} 40) plus {@link #OFF}; a record of level {@code l} from logger {@code n} goes to the file when
 * {@code l >= fileThreshold(n)} and to the console when {@code l >= consoleThreshold(n)}. A per-name override
 * (longest matching prefix of the logger name at a dot boundary) replaces both global levels for that name.
 *
 * @param fileLevel {@code logging.level} in talon.json
 * @param consoleLevel {@code logging.consoleLevel} in talon.json
 * @param consoleFloor the launcher's {@code talon.console.level}: the console never shows less severe records
 *     ({@code OFF} for a daemon, whose stdout is a file)
 * @param overrides logger-name prefix to level, longest first
 * @param file the log file, or null for none
 * @param maxFileBytes the size at which the file rolls to {@code .1}
 * @param maxFiles rolled files kept ({@code .1} … {@code .maxFiles})
 */
record LogSettings(
        int fileLevel,
        int consoleLevel,
        int consoleFloor,
        List<Map.Entry<String, Integer>> overrides,
        Path file,
        long maxFileBytes,
        int maxFiles) {
    static final int TRACE = 0;
    static final int DEBUG = 10;
    static final int INFO = 20;
    static final int WARN = 30;
    static final int ERROR = 40;
    static final int OFF = Integer.MAX_VALUE;

    static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    static final long MIN_MAX_FILE_BYTES = 64L * 1024;
    static final int DEFAULT_MAX_FILES = 5;

    /** Prefix of the per-name level keys in {@code etc/logging.properties}. */
    static final String LOGGER_PREFIX = "logger.";

    LogSettings {
        overrides = List.copyOf(overrides);
    }

    /** The lowest level any output accepts for {@code name}: the logger's {@code isXEnabled} threshold. */
    int threshold(String name) {
        Integer o = override(name);
        return o != null ? o : Math.min(fileThreshold(name), consoleThreshold(name));
    }

    int fileThreshold(String name) {
        if (file == null) {
            return OFF;
        }
        Integer o = override(name);
        return o != null ? o : fileLevel;
    }

    int consoleThreshold(String name) {
        Integer o = override(name);
        return Math.max(o != null ? o : consoleLevel, consoleFloor);
    }

    private Integer override(String name) {
        for (Map.Entry<String, Integer> e : overrides) {
            String p = e.getKey();
            if (name.startsWith(p) && (name.length() == p.length() || name.charAt(p.length()) == '.')) {
                return e.getValue();
            }
        }
        return null;
    }

    LogSettings withLevels(int file, int console, long maxBytes) {
        return new LogSettings(file, console, consoleFloor, overrides, this.file, maxBytes, maxFiles);
    }

    /**
     * Parses a level name: SLF4J/log4j names ({@code TRACE DEBUG INFO WARN ERROR OFF ALL}) and the OpenClaw
     * config names ({@code trace debug info warn error fatal silent}), any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    static int parseLevel(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "trace", "all" -> TRACE;
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn", "warning" -> WARN;
            case "error", "fatal" -> ERROR;
            case "off", "silent", "none" -> OFF;
            default ->
                throw new IllegalArgumentException(
                        "unknown log level '" + s + "' (trace, debug, info, warn, error, fatal or silent)");
        };
    }

    static String levelName(int level) {
        if (level >= OFF) {
            return "OFF";
        }
        if (level >= ERROR) {
            return "ERROR";
        }
        if (level >= WARN) {
            return "WARN";
        }
        if (level >= INFO) {
            return "INFO";
        }
        return level >= DEBUG ? "DEBUG" : "TRACE";
    }

    /**
     * The start-up settings: {@code logger.<name> = LEVEL} lines of {@code props} (from
     * {@code etc/logging.properties}; bad lines are reported in {@code problems} and skipped), INFO to file and
     * console, the console floor from {@code consoleFloor} (the launcher's {@code talon.console.level}, null for
     * none).
     */
    static LogSettings initial(Properties props, String consoleFloor, Path file, List<String> problems) {
        List<Map.Entry<String, Integer>> overrides = new ArrayList<>();
        for (String key : props.stringPropertyNames()) {
            if (!key.startsWith(LOGGER_PREFIX) || key.length() == LOGGER_PREFIX.length()) {
                problems.add("ignored '" + key + "' (expected logger.<name> = LEVEL)");
                continue;
            }
            try {
                overrides.add(Map.entry(key.substring(LOGGER_PREFIX.length()), parseLevel(props.getProperty(key))));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        overrides.sort(Comparator.comparingInt(
                        (Map.Entry<String, Integer> e) -> e.getKey().length())
                .reversed());
        int floor = TRACE;
        if (consoleFloor != null && !consoleFloor.isBlank()) {
            try {
                floor = parseLevel(consoleFloor);
            } catch (IllegalArgumentException e) {
                problems.add("talon.console.level: " + e.getMessage());
            }
        }
        return new LogSettings(INFO, INFO, floor, overrides, file, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES);
    }
}
