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
    private final String pid = Long.toString(ProcessHandle.current().pid());

    GatewayInstance(InstanceLock lock, Path pidFile) {
        this.lock = lock;
        this.pidFile = pidFile;
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
