package dev.talon.cli.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The running gateway's claim on its state dir: the held {@link InstanceLock} and the {@code talon.pid} file.
 * {@link #deletePidFile} runs from a shutdown hook; it only deletes a pid file that still names this process.
 */
final class GatewayInstance implements AutoCloseable {
    private final InstanceLock lock;
    private final Path pidFile;
    private final String pid = currentPid();

    GatewayInstance(InstanceLock lock, Path pidFile) {
        this.lock = lock;
        this.pidFile = pidFile;
    }

    /**
     * This process's id: on Linux the target of {@code /proc/self}, which is cheaper at start-up than initialising
     * {@link ProcessHandle} (≈ 10 ms on a small VM); {@link ProcessHandle} elsewhere.
     */
    static String currentPid() {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/self")).toString();
            boolean digits = !self.isEmpty();
            for (int i = 0; i < self.length(); i++) {
                digits &= Character.isDigit(self.charAt(i));
            }
            if (digits) {
                return self;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux: ask the JDK
        }
        return Long.toString(ProcessHandle.current().pid());
    }

    void writePidFile() throws IOException {
        Files.writeString(pidFile, pid + "\n");
    }

    void deletePidFile() {
        try {
            if (Files.exists(pidFile) && Files.readString(pidFile).trim().equals(pid)) {
                Files.delete(pidFile);
            }
        } catch (IOException e) {
            // best effort at shutdown: a leftover pid file is harmless because the lock decides
        }
    }

    @Override
    public void close() throws IOException {
        deletePidFile();
        lock.close();
    }
}
