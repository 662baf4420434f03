package dev.talon.logging.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.LogService;
import org.osgi.service.log.Logger;

/**
 * The OSGi {@link LogService} (and {@link org.osgi.service.log.LoggerFactory}) one bundle sees. Loggers named
 * {@code ROOT} (the OSGi root logger name) or {@code LogService} (the 1.3 {@code log(…)} methods) log under the
 * bundle's symbolic name, so SCR, Configuration Admin and FileInstall lines say where they come from.
 */
@SuppressWarnings("deprecation") // LogService's log(int, …) methods are what Felix bundles still call
final class BundleLogService implements LogService {
    private static final int OSGI_ERROR = 1;
    private static final int OSGI_WARNING = 2;
    private static final int OSGI_INFO = 3;

    private final Bundle bundle;
    private final LogBackend backend;

    BundleLogService(Bundle bundle, LogBackend backend) {
        this.bundle = bundle;
        this.backend = backend;
    }

    private String name(String requested) {
        if (requested == null
                || requested.isEmpty()
                || org.osgi.service.log.Logger.ROOT_LOGGER_NAME.equals(requested)
                || "LogService".equals(requested)) {
            String bsn = bundle == null ? null : bundle.getSymbolicName();
            return bsn == null ? "osgi" : bsn;
        }
        return requested;
    }

    @Override
    public Logger getLogger(String name) {
        return new OsgiLogger(name(name), backend, false);
    }

    @Override
    public Logger getLogger(Class<?> clazz) {
        return getLogger(clazz.getName());
    }

    @Override
    public <L extends Logger> L getLogger(String name, Class<L> loggerType) {
        return loggerType.cast(new OsgiLogger(name(name), backend, loggerType == FormatterLogger.class));
    }

    @Override
    public <L extends Logger> L getLogger(Class<?> clazz, Class<L> loggerType) {
        return getLogger(clazz.getName(), loggerType);
    }

    @Override
    public <L extends Logger> L getLogger(Bundle b, String name, Class<L> loggerType) {
        return new BundleLogService(b, backend).getLogger(name, loggerType);
    }

    @Override
    public void log(int level, String message) {
        log(null, level, message, null);
    }

    @Override
    public void log(int level, String message, Throwable exception) {
        log(null, level, message, exception);
    }

    @Override
    public void log(ServiceReference<?> sr, int level, String message) {
        log(sr, level, message, null);
    }

    @Override
    public void log(ServiceReference<?> sr, int level, String message, Throwable exception) {
        int l =
                switch (level) {
                    case OSGI_ERROR -> LogSettings.ERROR;
                    case OSGI_WARNING -> LogSettings.WARN;
                    case OSGI_INFO -> LogSettings.INFO;
                    default -> LogSettings.DEBUG;
                };
        String n = name(null);
        if (backend.enabled(n, l)) {
            backend.write(l, n, sr == null ? message : message + " [" + sr + "]", exception);
        }
    }
}
