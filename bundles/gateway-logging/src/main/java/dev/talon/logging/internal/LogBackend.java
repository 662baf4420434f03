package dev.talon.logging.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one logging backend of the gateway JVM: the loggers handed out through SLF4J and the OSGi Log service, the
 * current {@link LogSettings}, and the two outputs (the console, i.e. the process's stdout, and the rolling file).
 * Records are formatted and written synchronously under one lock; the gateway logs little (client mistakes are
 * DEBUG), and a record that has been logged is on disk.
 *
 * <p>Level checks are a read of the logger's volatile threshold: {@link #apply} recomputes every logger's
 * threshold when the settings change (talon.json's {@code logging.*}, applied live).
 *
 * <p>Start-up settings come from system properties the launcher sets: {@code talon.logging.config} (the
 * {@code etc/logging.properties} file with per-name levels), {@code talon.state.dir} (the file goes to
 * {@code <state>/logs/talon.log}; no file without it) and {@code talon.console.level} (the console floor). The
 * backend is created on first use, which may be the first {@code LoggerFactory.getLogger} call of any bundle.
 */
final class LogBackend {
    static final String CONFIG_PROPERTY = "talon.logging.config";
    static final String STATE_DIR_PROPERTY = "talon.state.dir";
    static final String CONSOLE_LEVEL_PROPERTY = "talon.console.level";

    private static final DateTimeFormatter CONSOLE_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");

    private static volatile LogBackend instance;

    private final ConcurrentMap<String, TalonLogger> loggers = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final PrintStream console;
    private final RollingFile file;
    private volatile LogSettings settings;
    private boolean fileFailed;

    LogBackend(LogSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
        this.file = settings.file() == null
                ? null
                : new RollingFile(settings.file(), settings.maxFileBytes(), settings.maxFiles());
    }

    static LogBackend get() {
        LogBackend b = instance;
        if (b == null) {
            synchronized (LogBackend.class) {
                b = instance;
                if (b == null) {
                    b = fromSystemProperties();
                    instance = b;
                }
            }
        }
        return b;
    }

    private static LogBackend fromSystemProperties() {
        List<String> problems = new ArrayList<>();
        Properties props = new Properties();
        String config = System.getProperty(CONFIG_PROPERTY);
        if (config != null && !config.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(config))) {
                props.load(in);
            } catch (IOException | RuntimeException e) {
                problems.add("cannot read " + config + ": " + e);
            }
        }
        String state = System.getProperty(STATE_DIR_PROPERTY);
        Path file = state == null || state.isBlank() ? null : Path.of(state, "logs", "talon.log");
        LogSettings s = LogSettings.initial(props, System.getProperty(CONSOLE_LEVEL_PROPERTY), file, problems);
        LogBackend b = new LogBackend(
                s, new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        for (String p : problems) {
            b.write(LogSettings.WARN, "dev.talon.logging", "etc/logging.properties: " + p, null);
        }
        return b;
    }

    LogSettings settings() {
        return settings;
    }

    TalonLogger logger(String name) {
        return loggers.computeIfAbsent(name, n -> new TalonLogger(n, this, settings.threshold(n)));
    }

    /** Installs new settings; every logger's threshold follows at once. */
    void apply(LogSettings next) {
        lock.lock();
        try {
            settings = next;
            fileFailed = false;
            if (file != null) {
                file.maxBytes(next.maxFileBytes());
            }
            for (TalonLogger l : loggers.values()) {
                l.threshold(next.threshold(l.getName()));
            }
        } finally {
            lock.unlock();
        }
    }

    boolean enabled(String name, int level) {
        return logger(name).enabled(level);
    }

    /** Writes one record to the outputs whose thresholds it passes. */
    void write(int level, String name, String message, Throwable t) {
        LogSettings s = settings;
        boolean toFile = file != null && level >= s.fileThreshold(name);
        boolean toConsole = level >= s.consoleThreshold(name);
        if (!toFile && !toConsole) {
            return;
        }
        LocalDateTime now = LocalDateTime.now();
        String thread = Thread.currentThread().getName();
        String levelName = pad(LogSettings.levelName(level));
        String trace = t == null ? "" : stackTrace(t);
        lock.lock();
        try {
            if (toConsole) {
                console.print(CONSOLE_TIME.format(now) + ' ' + levelName + " [" + thread + "] " + abbreviate(name)
                        + " - " + message + System.lineSeparator() + trace);
            }
            if (toFile && !fileFailed) {
                String line = FILE_TIME.format(now) + ' ' + levelName + " [" + thread + "] " + name + " - " + message
                        + System.lineSeparator() + trace;
                try {
                    file.write(line.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // Reported once on the console; retried after the next settings change.
                    fileFailed = true;
                    file.close();
                    console.println("talon logging: cannot write " + file.path() + ": " + e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            if (file != null) {
                file.close();
            }
            console.flush();
        } finally {
            lock.unlock();
        }
    }

    private static String pad(String level) {
        return level.length() >= 5 ? level : level + " ".repeat(5 - level.length());
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** {@code dev.talon.gateway.core.GatewayServer} becomes {@code d.t.g.c.GatewayServer}. */
    static String abbreviate(String name) {
        int last = name.lastIndexOf('.');
        if (last < 0) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        int start = 0;
        while (start <= last) {
            int dot = name.indexOf('.', start);
            if (dot > start) {
                b.append(name.charAt(start));
            }
            b.append('.');
            start = dot + 1;
        }
        return b.append(name, last + 1, name.length()).toString();
    }
}
