package dev.talon.logging.internal;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger of {@link LogBackend}. {@code isXEnabled} reads one volatile int, so the checks Jetty makes on
 * every frame cost nothing measurable; formatting happens only for records that pass.
 */
final class TalonLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient LogBackend backend;
    private volatile int threshold;

    TalonLogger(String name, LogBackend backend, int threshold) {
        this.name = name;
        this.backend = backend;
        this.threshold = threshold;
    }

    void threshold(int level) {
        threshold = level;
    }

    /** Whether a record of {@code level} passes this logger's threshold. */
    boolean enabled(int level) {
        return level >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold <= LogSettings.TRACE;
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold <= LogSettings.DEBUG;
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold <= LogSettings.INFO;
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold <= LogSettings.WARN;
    }

    @Override
    public boolean isErrorEnabled() {
        return threshold <= LogSettings.ERROR;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        String message = arguments == null || arguments.length == 0
                ? String.valueOf(messagePattern)
                : MessageFormatter.basicArrayFormat(messagePattern, arguments);
        backend.write(level.toInt(), name, message, throwable);
    }
}
