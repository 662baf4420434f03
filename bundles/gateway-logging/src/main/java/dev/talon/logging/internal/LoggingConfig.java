package dev.talon.logging.internal;

import java.util.Dictionary;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedService;

/**
 * PID {@value #PID}: talon.json's {@code logging.level} (the file), {@code logging.consoleLevel} and
 * {@code logging.maxFileBytes}, applied to the next record. Absent keys take their defaults (info, info, 10 MiB);
 * an invalid value is refused as a whole and the previous settings stay in force.
 */
final class LoggingConfig implements ManagedService {
    static final String PID = "dev.talon.logging";

    private final LogBackend backend;

    LoggingConfig(LogBackend backend) {
        this.backend = backend;
    }

    @Override
    public void updated(Dictionary<String, ?> props) throws ConfigurationException {
        LogSettings current = backend.settings();
        int file = level(props, "level");
        int console = level(props, "consoleLevel");
        long maxBytes = maxBytes(props);
        if (file != current.fileLevel() || console != current.consoleLevel() || maxBytes != current.maxFileBytes()) {
            backend.apply(current.withLevels(file, console, maxBytes));
            backend.write(
                    LogSettings.INFO,
                    LoggingConfig.class.getName(),
                    "Log levels: file " + LogSettings.levelName(file) + ", console " + LogSettings.levelName(console)
                            + ", file rolls at " + maxBytes + " bytes",
                    null);
        }
    }

    private static int level(Dictionary<String, ?> props, String key) throws ConfigurationException {
        Object v = props == null ? null : props.get(key);
        if (v == null) {
            return LogSettings.INFO;
        }
        try {
            return LogSettings.parseLevel(v.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, e.getMessage());
        }
    }

    private static long maxBytes(Dictionary<String, ?> props) throws ConfigurationException {
        Object v = props == null ? null : props.get("maxFileBytes");
        if (v == null) {
            return LogSettings.DEFAULT_MAX_FILE_BYTES;
        }
        try {
            long n = v instanceof Number num
                    ? num.longValue()
                    : Long.parseLong(v.toString().trim());
            if (n < LogSettings.MIN_MAX_FILE_BYTES) {
                throw new ConfigurationException(
                        "maxFileBytes", "must be at least " + LogSettings.MIN_MAX_FILE_BYTES + " (got " + n + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("maxFileBytes", "not a whole number: " + v);
        }
    }
}
