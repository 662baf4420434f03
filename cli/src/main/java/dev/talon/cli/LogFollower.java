package dev.talon.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reads a log file incrementally, like {@code tail -F}: {@link #poll} copies what was appended since the last
 * call. When the file is rotated (the path now names a different file) the rest of the old file is copied
 * first, then the new file from its start; a truncated file is re-read from its start. A missing file is
 * waited for. Single-threaded.
 */
final class LogFollower implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private FileChannel channel;
    private Object fileKey;

    LogFollower(Path path) {
        this.path = path;
    }

    /**
     * Opens the file and positions at the start of its last {@code lines} lines.
     *
     * @return false when the file does not exist (yet)
     */
    boolean openAtLastLines(int lines) throws IOException {
        if (!reopen()) {
            return false;
        }
        channel.position(startOfLastLines(channel, lines));
        return true;
    }

    /** Copies newly available bytes to {@code out}; returns how many were copied. */
    long poll(OutputStream out) throws IOException {
        long copied = channel == null ? 0 : drain(out);
        Object currentKey = keyOf(path);
        if (currentKey == null) {
            return copied;
        }
        if (channel == null || !currentKey.equals(fileKey)) {
            reopen();
            copied += drain(out);
        } else if (channel.size() < channel.position()) {
            channel.position(0);
            copied += drain(out);
        }
        return copied;
    }

    private boolean reopen() throws IOException {
        close();
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            fileKey = Objects.requireNonNullElse(keyOf(path), path);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private long drain(OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long total = 0;
        for (int n = channel.read(buf); n > 0; n = channel.read(buf)) {
            out.write(buf.array(), 0, n);
            total += n;
            buf.clear();
        }
        out.flush();
        return total;
    }

    /** The offset where the last {@code lines} lines begin (a final newline does not start a new line). */
    static long startOfLastLines(FileChannel ch, int lines) throws IOException {
        long size = ch.size();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        int seen = 0;
        for (long end = size; end > 0; ) {
            int len = (int) Math.min(CHUNK, end);
            long start = end - len;
            buf.clear().limit(len);
            ch.read(buf, start);
            for (int i = len - 1; i >= 0; i--) {
                if (buf.get(i) == '\n' && start + i != size - 1 && ++seen == lines) {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    private static Object keyOf(Path p) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
            return attrs.fileKey() != null ? attrs.fileKey() : attrs.creationTime();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
