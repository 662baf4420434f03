package dev.talon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
    @TempDir
    Path dir;

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String poll(LogFollower f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.poll(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startsAtTheLastLines() throws Exception {
        Path log = dir.resolve("talon.log");
        append(
                log,
                IntStream.rangeClosed(1, 100_000)
                        .mapToObj(i -> "line " + i + "\n")
                        .collect(Collectors.joining()));
        try (LogFollower f = new LogFollower(log)) {
            assertTrue(f.openAtLastLines(3));
            assertEquals("line 99998\nline 99999\nline 100000\n", poll(f));
        }
        try (LogFollower f = new LogFollower(log)) {
            assertTrue(f.openAtLastLines(500_000));
            assertTrue(poll(f).startsWith("line 1\nline 2\n"));
        }
    }

    @Test
    void lastLineWithoutNewlineCounts() throws Exception {
        Path log = dir.resolve("talon.log");
        append(log, "a\nb\nc");
        try (LogFollower f = new LogFollower(log)) {
            f.openAtLastLines(2);
            assertEquals("b\nc", poll(f));
        }
    }

    @Test
    void followsAppendsRotationAndTruncation() throws Exception {
        Path log = dir.resolve("talon.log");
        append(log, "old\n");
        try (LogFollower f = new LogFollower(log)) {
            f.openAtLastLines(10);
            assertEquals("old\n", poll(f));
            assertEquals("", poll(f));
            append(log, "more\n");
            assertEquals("more\n", poll(f));

            append(log, "tail of old file\n");
            Files.move(log, dir.resolve("talon.log.1"));
            assertEquals("tail of old file\n", poll(f));
            append(log, "new file\n");
            assertEquals("new file\n", poll(f));

            Files.writeString(log, "x\n", StandardOpenOption.TRUNCATE_EXISTING);
            assertEquals("x\n", poll(f));
        }
    }

    @Test
    void waitsForAMissingFile() throws Exception {
        Path log = dir.resolve("talon.log");
        try (LogFollower f = new LogFollower(log)) {
            assertFalse(f.openAtLastLines(10));
            assertEquals("", poll(f));
            append(log, "hello\n");
            assertEquals("hello\n", poll(f));
        }
    }

    @Test
    void logsCommandPrintsTheTailAndFailsWithoutAFile() throws Exception {
        TestContexts missing = new TestContexts(dir, Map.of());
        assertEquals(1, new TalonCli().run(java.util.List.of("logs"), missing.ctx));
        assertTrue(missing.err().startsWith("talon: no log file at "), missing.err());

        Files.createDirectories(dir.resolve("logs"));
        append(dir.resolve("logs/talon.log"), "1\n2\n3\n");
        TestContexts t = new TestContexts(dir, Map.of());
        assertEquals(0, new TalonCli().run(java.util.List.of("logs", "--lines", "2"), t.ctx));
        assertEquals("2\n3\n", t.out());
    }
}
