package dev.talon.logging.internal;

import java.text.MessageFormat;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes {@code java.util.logging} (used by SPI Fly and the JDK) into {@link LogBackend}: while installed, it is
 * the JUL root logger's only handler, and the root level is INFO so that FINE records are never built.
 */
final class JulBridge extends Handler {
    private final LogBackend backend;
    private Handler[] previous;
    private Level previousLevel;

    JulBridge(LogBackend backend) {
        this.backend = backend;
    }

    void install() {
        Logger root = LogManager.getLogManager().getLogger("");
        previous = root.getHandlers();
        previousLevel = root.getLevel();
        for (Handler h : previous) {
            root.removeHandler(h);
        }
        root.addHandler(this);
        root.setLevel(Level.INFO);
    }

    void uninstall() {
        Logger root = LogManager.getLogManager().getLogger("");
        root.removeHandler(this);
        if (previous != null) {
            for (Handler h : previous) {
                root.addHandler(h);
            }
            root.setLevel(previousLevel);
        }
    }

    static int level(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return LogSettings.ERROR;
        }
        if (v >= Level.WARNING.intValue()) {
            return LogSettings.WARN;
        }
        if (v >= Level.INFO.intValue()) {
            return LogSettings.INFO;
        }
        return v >= Level.FINE.intValue() ? LogSettings.DEBUG : LogSettings.TRACE;
    }

    @Override
    public void publish(LogRecord r) {
        int level = level(r.getLevel());
        String name = r.getLoggerName() == null ? "jul" : r.getLoggerName();
        if (!backend.enabled(name, level)) {
            return;
        }
        String message = r.getMessage();
        Object[] params = r.getParameters();
        if (message != null && params != null && params.length > 0) {
            try {
                message = MessageFormat.format(message, params);
            } catch (IllegalArgumentException e) {
                // not a MessageFormat pattern: log it as it is
            }
        }
        backend.write(level, name, String.valueOf(message), r.getThrown());
    }

    @Override
    public void flush() {
        // records are written through
    }

    @Override
    public void close() {
        // the backend outlives the bridge
    }
}
