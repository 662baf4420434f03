package dev.talon.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class InstanceLockTest {
    @TempDir
    Path state;

    @Test
    void secondAcquireInTheSameJvmFailsUntilReleased() throws Exception {
        Path file = state.resolve("talon.lock");
        Optional<InstanceLock> first = InstanceLock.tryAcquire(file);
        assertTrue(first.isPresent());
        assertTrue(InstanceLock.tryAcquire(file).isEmpty());
        first.get().close();
        try (InstanceLock again = InstanceLock.tryAcquire(file).orElseThrow()) {
            assertTrue(again != null);
        }
    }

    @Test
    void lockOfAKilledProcessIsRecovered() throws Exception {
        Path file = state.resolve("talon.lock");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
            assertEquals("LOCKED", line);
            assertTrue(InstanceLock.tryAcquire(file).isEmpty(), "held by the child");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (InstanceLock lock = InstanceLock.tryAcquire(file).orElseThrow()) {
            assertTrue(lock != null);
        }
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
