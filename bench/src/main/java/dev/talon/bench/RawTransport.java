package dev.talon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lean blocking client: one socket and one reader thread per connection. Handler callbacks run on
 * the reader thread, so a load loop that sends its next request from {@code onText} needs no thread
 * hand-off. Frames sent from the reader thread are gathered and written with one {@code write} once
 * every complete frame of the last read is handled; frames sent from other threads are written at
 * once, one {@code write} per frame. Costs one platform thread per connection, so it suits the load
 * benchmarks (tens of connections), not {@code idle} (thousands).
 */
final class RawTransport implements Transport {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_BUFFER = 64 * 1024;
    private static final int FLUSH_AT = 64 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();

    @Override
    public CompletableFuture<WsConn> connect(URI uri, WsHandler handler) {
        Conn conn = new Conn(uri, handler);
        Thread t = new Thread(conn::run, "raw-ws-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        conn.reader = t;
        t.start();
        return conn.opened;
    }

    @Override
    public void close() {
        // Reader threads end with their sockets; they are daemons.
    }

    private static final class Conn extends OwnClientConn {
        private final URI uri;
        private final CompletableFuture<WsConn> opened = new CompletableFuture<>();
        private final Socket socket = new Socket();
        private volatile Thread reader;
        private volatile String writeFailure;
        private OutputStream out;
        /** Guarded by {@code this}: the encode buffer for sends from threads other than the reader. */
        private byte[] direct = new byte[4096];
        /** Reader thread only: frames sent while handling one read, written together afterwards. */
        private byte[] gathered = new byte[16 * 1024];

        private int gatheredLength;
        private byte[] in = new byte[READ_BUFFER];
        private int inLength;

        Conn(URI uri, WsHandler handler) {
            super(handler);
            this.uri = uri;
        }

        void run() {
            try {
                open();
            } catch (IOException | RuntimeException e) {
                closeQuietly();
                opened.completeExceptionally(e);
                return;
            }
            handler.onOpen(this);
            opened.complete(this);
            try {
                readLoop();
            } catch (IOException | RuntimeException e) {
                String why = writeFailure != null ? writeFailure : GatewayClient.rootMessage(e);
                finish(() -> handler.onError(new BenchException(why, e)));
            }
        }

        private void open() throws IOException {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CONNECT_TIMEOUT_MS);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
            out = socket.getOutputStream();
            String key = RawHandshake.newKey();
            out.write(RawHandshake.upgradeRequest(uri, key));
            RawHandshake.checkUpgrade(readHead(socket.getInputStream()), key);
            socket.setSoTimeout(0);
        }

        /** Reads the upgrade response head; bytes after it stay in {@link #in} as the first frames. */
        private String readHead(InputStream is) throws IOException {
            RawHandshake.Head head = RawHandshake.readHead(is, in, inLength);
            inLength = head.remaining();
            return head.text();
        }

        private void readLoop() throws IOException {
            InputStream is = socket.getInputStream();
            while (true) {
                int consumed = codec.decode(in, 0, inLength);
                flushGathered();
                if (finished.get()) {
                    return;
                }
                inLength -= consumed;
                System.arraycopy(in, consumed, in, 0, inLength);
                if (inLength == in.length) {
                    in = Arrays.copyOf(in, Math.min(2 * in.length, WsCodec.MAX_MESSAGE + 14));
                }
                int n = is.read(in, inLength, in.length - inLength);
                if (n < 0) {
                    finish(() -> handler.onClose(1006, "EOF without a close frame"));
                    return;
                }
                inLength += n;
            }
        }

        @Override
        void sendFrame(int opcode, byte[] payload) {
            int len = WsCodec.frameLength(payload.length);
            int mask = ThreadLocalRandom.current().nextInt();
            if (Thread.currentThread() == reader && !finished.get()) {
                if (gatheredLength + len > gathered.length) {
                    gathered = Arrays.copyOf(gathered, Math.max(gatheredLength + len, 2 * gathered.length));
                }
                gatheredLength = WsCodec.encode(opcode, payload, payload.length, mask, gathered, gatheredLength);
                if (gatheredLength >= FLUSH_AT) {
                    writeOrAbort(() -> flushGathered());
                }
                return;
            }
            writeOrAbort(() -> {
                synchronized (this) {
                    if (len > direct.length) {
                        direct = new byte[Math.max(len, 2 * direct.length)];
                    }
                    out.write(direct, 0, WsCodec.encode(opcode, payload, payload.length, mask, direct, 0));
                }
            });
        }

        private void flushGathered() throws IOException {
            if (gatheredLength > 0) {
                synchronized (this) {
                    out.write(gathered, 0, gatheredLength);
                }
                gatheredLength = 0;
            }
        }

        /** A failed write closes the socket; the reader thread then reports it (callbacks never overlap). */
        private void writeOrAbort(IoAction write) {
            try {
                write.run();
            } catch (IOException e) {
                if (writeFailure == null) {
                    writeFailure = "write failed: " + GatewayClient.rootMessage(e);
                }
                closeQuietly();
            }
        }

        @Override
        void flushQuietly() {
            try {
                flushGathered();
            } catch (IOException e) {
                // the peer is gone; the report says how the connection ended
            }
        }

        @Override
        boolean socketOpen() {
            return !socket.isClosed();
        }

        @Override
        void closeSocket() throws IOException {
            socket.close();
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
