package dev.talon.logging.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only log file that rolls by size: when a record would take it past {@code maxBytes} it becomes
 * {@code <name>.1}, older ones shift up to {@code <name>.<maxFiles>} and the oldest is deleted. Every record is
 * written through at once (no buffering), so {@code talon logs --follow} and a crash lose nothing. Not
 * thread-safe: {@link LogBackend} serialises writers.
 */
final class RollingFile implements AutoCloseable {
    private final Path file;
    private final int maxFiles;
    private long maxBytes;
    private OutputStream out;
    private long size;

    RollingFile(Path file, long maxBytes, int maxFiles) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    Path path() {
        return file;
    }

    void maxBytes(long bytes) {
        maxBytes = bytes;
    }

    void write(byte[] record) throws IOException {
        if (out == null) {
            open();
        }
        if (size > 0 && size + record.length > maxBytes) {
            roll();
        }
        out.write(record);
        size += record.length;
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void roll() throws IOException {
        close();
        Files.deleteIfExists(rolled(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            Path from = rolled(i);
            if (Files.exists(from)) {
                Files.move(from, rolled(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rolled(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path rolled(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    public void close() {
        OutputStream o = out;
        out = null;
        if (o != null) {
            try {
                o.close();
            } catch (IOException e) {
                // closing an append stream: nothing buffered, nothing to recover
            }
        }
    }
}
