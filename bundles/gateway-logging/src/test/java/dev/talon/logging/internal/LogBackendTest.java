package dev.talon.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.Logger;
import org.slf4j.helpers.BasicMarkerFactory;

class LogBackendTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private LogBackend backend(String consoleFloor, String... overrides) {
        Properties p = new Properties();
        for (int i = 0; i < overrides.length; i += 2) {
            p.setProperty("logger." + overrides[i], overrides[i + 1]);
        }
        List<String> problems = new ArrayList<>();
        LogSettings s = LogSettings.initial(p, consoleFloor, dir.resolve("logs/talon.log"), problems);
        assertEquals(List.of(), problems);
        return new LogBackend(s, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private String file() throws IOException {
        Path f = dir.resolve("logs/talon.log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoGoesToBothOutputsAndDebugToNeither() throws IOException {
        LogBackend b = backend(null);
        TalonLogger log = b.logger("dev.talon.gateway.core.Thing");
        assertTrue(log.isInfoEnabled());
        assertFalse(log.isDebugEnabled());
        log.info("listening on {} with {}", "127.0.0.1:1", 3);
        log.debug("invisible {}", 1);
        assertTrue(file().matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[[^]]+\\] "
                + "dev\\.talon\\.gateway\\.core\\.Thing - listening on 127\\.0\\.0\\.1:1 with 3\\R"));
        assertTrue(console()
                .matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^]]+\\] d\\.t\\.g\\.c\\.Thing - "
                        + "listening on 127\\.0\\.0\\.1:1 with 3\\R"));
    }

    @Test
    void throwableIsWrittenWithItsStackTrace() throws IOException {
        LogBackend b = backend(null);
        b.logger("x.Y").error("failed {}", "op", new IllegalStateException("boom"));
        String f = file();
        assertTrue(f.contains("ERROR [") && f.contains("x.Y - failed op"), f);
        assertTrue(f.contains("java.lang.IllegalStateException: boom") && f.contains("\tat "), f);
    }

    @Test
    void longestPrefixOverrideWinsAtDotBoundaries() {
        LogBackend b = backend(null, "org.eclipse.jetty", "WARN", "org.eclipse.jetty.websocket", "DEBUG");
        assertFalse(b.logger("org.eclipse.jetty.server.Server").isInfoEnabled());
        assertTrue(b.logger("org.eclipse.jetty.server.Server").isWarnEnabled());
        assertTrue(b.logger("org.eclipse.jetty.websocket.core.Frame").isDebugEnabled());
        assertTrue(b.logger("org.eclipse.jettyx.Other").isInfoEnabled(), "prefix only at a dot boundary");
        assertTrue(b.logger("org.eclipse.jetty").isWarnEnabled());
        assertFalse(b.logger("org.eclipse.jetty").isInfoEnabled());
    }

    @Test
    void consoleFloorSilencesTheConsoleButNotTheFile() throws IOException {
        LogBackend b = backend("OFF", "chatty", "DEBUG");
        b.logger("a.B").warn("to the file only");
        b.logger("chatty.C").debug("debug to the file only");
        assertEquals("", console());
        assertTrue(file().contains("to the file only") && file().contains("debug to the file only"));
    }

    @Test
    void appliedSettingsChangeExistingLoggersAtOnce() throws Exception {
        LogBackend b = backend(null);
        TalonLogger log = b.logger("dev.talon.X");
        assertFalse(log.isDebugEnabled());
        new LoggingConfig(b).updated(props("level", "debug", "consoleLevel", "warn"));
        assertTrue(log.isDebugEnabled());
        log.debug("now on");
        log.info("file only");
        assertTrue(file().contains("DEBUG [") && file().contains("now on"));
        assertFalse(console().contains("file only"));
        new LoggingConfig(b).updated(null);
        assertFalse(log.isDebugEnabled());
    }

    @Test
    void invalidConfigurationIsRefusedAndTheOldSettingsStay() throws Exception {
        LogBackend b = backend(null);
        LoggingConfig c = new LoggingConfig(b);
        c.updated(props("level", "debug"));
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> c.updated(props("level", "verbose")));
        assertEquals("level", e.getProperty());
        assertThrows(ConfigurationException.class, () -> c.updated(props("maxFileBytes", 10L)));
        assertThrows(ConfigurationException.class, () -> c.updated(props("maxFileBytes", "lots")));
        assertEquals(LogSettings.DEBUG, b.settings().fileLevel());
    }

    @Test
    void openClawLevelNamesAreAccepted() {
        assertEquals(LogSettings.ERROR, LogSettings.parseLevel("fatal"));
        assertEquals(LogSettings.OFF, LogSettings.parseLevel("silent"));
        assertEquals(LogSettings.TRACE, LogSettings.parseLevel("ALL"));
        assertEquals(LogSettings.WARN, LogSettings.parseLevel(" Warn "));
        assertThrows(IllegalArgumentException.class, () -> LogSettings.parseLevel("loud"));
    }

    @Test
    void badLinesInTheLevelsFileAreReported() {
        Properties p = new Properties();
        p.setProperty("logger.a", "LOUD");
        p.setProperty("rootLevel", "INFO");
        p.setProperty("logger.b", "debug");
        List<String> problems = new ArrayList<>();
        LogSettings s = LogSettings.initial(p, "nonsense", null, problems);
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(LogSettings.DEBUG, s.threshold("b.C"));
        assertEquals(LogSettings.OFF, s.fileThreshold("b.C"), "no file configured");
    }

    @Test
    void fileRollsBySizeAndKeepsTheConfiguredNumber() throws Exception {
        LogBackend b = backend("OFF");
        new LoggingConfig(b).updated(props("maxFileBytes", 65_536L));
        TalonLogger log = b.logger("roll");
        String line = "x".repeat(1000);
        for (int i = 0; i < 500; i++) {
            log.info("{} {}", i, line);
        }
        Path logs = dir.resolve("logs");
        assertTrue(Files.size(logs.resolve("talon.log")) <= 65_536);
        for (int i = 1; i <= LogSettings.DEFAULT_MAX_FILES; i++) {
            assertTrue(Files.exists(logs.resolve("talon.log." + i)), "talon.log." + i);
        }
        assertFalse(Files.exists(logs.resolve("talon.log." + (LogSettings.DEFAULT_MAX_FILES + 1))));
        assertTrue(Files.readString(logs.resolve("talon.log")).contains("499 x"));
    }

    @Test
    void osgiLoggersTakeTrailingThrowableAndServiceReferenceOutOfTheArguments() throws IOException {
        LogBackend b = backend(null);
        BundleLogService service = new BundleLogService(null, b);
        Logger log = service.getLogger("org.apache.felix.scr.X", Logger.class);
        log.error("component {} failed", "c1", new RuntimeException("activate"));
        FormatterLogger f = service.getLogger("fmt", FormatterLogger.class);
        f.warn("%d of %s", 2, "three");
        service.log(2, "legacy warning");
        Logger root = service.getLogger(Logger.ROOT_LOGGER_NAME);
        root.info("from the root logger");
        String out = file();
        assertTrue(out.contains("org.apache.felix.scr.X - component c1 failed"), out);
        assertTrue(out.contains("java.lang.RuntimeException: activate"), out);
        assertTrue(out.contains("fmt - 2 of three"), out);
        assertTrue(out.contains("WARN  [") && out.contains("osgi - legacy warning"), out);
        assertTrue(out.contains("osgi - from the root logger"), out);
    }

    @Test
    void julLevelsMapOntoSlf4jLevels() {
        assertEquals(LogSettings.ERROR, JulBridge.level(Level.SEVERE));
        assertEquals(LogSettings.WARN, JulBridge.level(Level.WARNING));
        assertEquals(LogSettings.INFO, JulBridge.level(Level.INFO));
        assertEquals(LogSettings.DEBUG, JulBridge.level(Level.FINE));
        assertEquals(LogSettings.TRACE, JulBridge.level(Level.FINEST));
    }

    @Test
    void markersAndAbbreviationBehave() {
        LogBackend b = backend(null);
        b.logger("a.b.C").info(new BasicMarkerFactory().getMarker("m"), "with marker");
        assertTrue(console().contains("a.b.C - with marker"));
        assertEquals("d.t.g.GatewayServer", LogBackend.abbreviate("dev.talon.gateway.GatewayServer"));
        assertEquals("Plain", LogBackend.abbreviate("Plain"));
    }

    private static Hashtable<String, Object> props(Object... kv) {
        Hashtable<String, Object> h = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            h.put((String) kv[i], kv[i + 1]);
        }
        return h;
    }
}
