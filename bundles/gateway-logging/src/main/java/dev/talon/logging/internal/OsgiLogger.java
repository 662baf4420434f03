package dev.talon.logging.internal;

import java.util.Arrays;
import java.util.IllegalFormatException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.LoggerConsumer;
import org.slf4j.helpers.MessageFormatter;

/**
 * An OSGi Log 1.4 {@link org.osgi.service.log.Logger} (and {@link FormatterLogger} when {@code printf} is set)
 * writing to {@link LogBackend} under its name. As the OSGi spec says, a trailing {@link Throwable} and/or
 * {@link ServiceReference} argument is not a format argument: the throwable is logged with its stack trace, the
 * service reference is appended. AUDIT records are always logged, at ERROR's severity.
 */
final class OsgiLogger implements FormatterLogger {
    private final String name;
    private final LogBackend backend;
    private final TalonLogger levels;
    private final boolean printf;

    OsgiLogger(String name, LogBackend backend, boolean printf) {
        this.name = name;
        this.backend = backend;
        this.levels = backend.logger(name);
        this.printf = printf;
    }

    @Override
    public String getName() {
        return name;
    }

    private boolean on(int level) {
        return levels.enabled(level);
    }

    private void log(int level, String format, Object... args) {
        if (!on(level)) {
            return;
        }
        int n = args.length;
        Throwable t = null;
        ServiceReference<?> ref = null;
        for (int i = 0; i < 2 && n > 0; i++) {
            Object last = args[n - 1];
            if (t == null && last instanceof Throwable th) {
                t = th;
            } else if (ref == null && last instanceof ServiceReference<?> sr) {
                ref = sr;
            } else {
                break;
            }
            n--;
        }
        Object[] formatArgs = n == args.length ? args : Arrays.copyOf(args, n);
        String message = format(format, formatArgs);
        if (ref != null) {
            message = message + " [" + ref + "]";
        }
        backend.write(level, name, message, t);
    }

    private String format(String format, Object[] args) {
        if (format == null) {
            return "null";
        }
        if (args.length == 0) {
            return format;
        }
        if (!printf) {
            return MessageFormatter.basicArrayFormat(format, args);
        }
        try {
            return String.format(format, args);
        } catch (IllegalFormatException e) {
            return format + " " + Arrays.toString(args);
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return on(LogSettings.TRACE);
    }

    @Override
    public void trace(String message) {
        log(LogSettings.TRACE, message);
    }

    @Override
    public void trace(String format, Object arg) {
        log(LogSettings.TRACE, format, arg);
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        log(LogSettings.TRACE, format, arg1, arg2);
    }

    @Override
    public void trace(String format, Object... arguments) {
        log(LogSettings.TRACE, format, arguments);
    }

    @Override
    public <E extends Exception> void trace(LoggerConsumer<E> consumer) throws E {
        if (isTraceEnabled()) {
            consumer.accept(this);
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return on(LogSettings.DEBUG);
    }

    @Override
    public void debug(String message) {
        log(LogSettings.DEBUG, message);
    }

    @Override
    public void debug(String format, Object arg) {
        log(LogSettings.DEBUG, format, arg);
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        log(LogSettings.DEBUG, format, arg1, arg2);
    }

    @Override
    public void debug(String format, Object... arguments) {
        log(LogSettings.DEBUG, format, arguments);
    }

    @Override
    public <E extends Exception> void debug(LoggerConsumer<E> consumer) throws E {
        if (isDebugEnabled()) {
            consumer.accept(this);
        }
    }

    @Override
    public boolean isInfoEnabled() {
        return on(LogSettings.INFO);
    }

    @Override
    public void info(String message) {
        log(LogSettings.INFO, message);
    }

    @Override
    public void info(String format, Object arg) {
        log(LogSettings.INFO, format, arg);
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        log(LogSettings.INFO, format, arg1, arg2);
    }

    @Override
    public void info(String format, Object... arguments) {
        log(LogSettings.INFO, format, arguments);
    }

    @Override
    public <E extends Exception> void info(LoggerConsumer<E> consumer) throws E {
        if (isInfoEnabled()) {
            consumer.accept(this);
        }
    }

    @Override
    public boolean isWarnEnabled() {
        return on(LogSettings.WARN);
    }

    @Override
    public void warn(String message) {
        log(LogSettings.WARN, message);
    }

    @Override
    public void warn(String format, Object arg) {
        log(LogSettings.WARN, format, arg);
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        log(LogSettings.WARN, format, arg1, arg2);
    }

    @Override
    public void warn(String format, Object... arguments) {
        log(LogSettings.WARN, format, arguments);
    }

    @Override
    public <E extends Exception> void warn(LoggerConsumer<E> consumer) throws E {
        if (isWarnEnabled()) {
            consumer.accept(this);
        }
    }

    @Override
    public boolean isErrorEnabled() {
        return on(LogSettings.ERROR);
    }

    @Override
    public void error(String message) {
        log(LogSettings.ERROR, message);
    }

    @Override
    public void error(String format, Object arg) {
        log(LogSettings.ERROR, format, arg);
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        log(LogSettings.ERROR, format, arg1, arg2);
    }

    @Override
    public void error(String format, Object... arguments) {
        log(LogSettings.ERROR, format, arguments);
    }

    @Override
    public <E extends Exception> void error(LoggerConsumer<E> consumer) throws E {
        if (isErrorEnabled()) {
            consumer.accept(this);
        }
    }

    @Override
    public void audit(String message) {
        log(LogSettings.ERROR, message);
    }

    @Override
    public void audit(String format, Object arg) {
        log(LogSettings.ERROR, format, arg);
    }

    @Override
    public void audit(String format, Object arg1, Object arg2) {
        log(LogSettings.ERROR, format, arg1, arg2);
    }

    @Override
    public void audit(String format, Object... arguments) {
        log(LogSettings.ERROR, format, arguments);
    }
}
