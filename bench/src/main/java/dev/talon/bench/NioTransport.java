package dev.talon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event-loop client, built like wrk or h2load: every connection of a run is a non-blocking socket served by
 * one of a few selector threads ({@code -Dbench.loops=N}, default 1). Handler callbacks run on the loop thread;
 * frames sent from it while one batch of ready sockets is handled are gathered per connection and written once
 * the batch is done. Frames sent from other threads are queued and written by the loop.
 *
 * <p>Against {@link RawTransport} (a blocking reader thread per connection) it keeps the number of runnable
 * harness threads at the number of loops, so the operating system's run queue, not the gateway, no longer decides
 * the latency tail when many connections share two cores (docs/PERFORMANCE.md, "Harness notes").
 */
final class NioTransport implements Transport {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_BUFFER = 64 * 1024;

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    NioTransport() {
        int n = Math.max(1, Integer.getInteger("bench.loops", 1));
        loops = new Loop[n];
        for (int i = 0; i < n; i++) {
            loops[i] = new Loop("nio-loop-" + (i + 1));
        }
    }

    @Override
    public CompletableFuture<WsConn> connect(URI uri, WsHandler handler) {
        Loop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        Conn conn = new Conn(loop, handler);
        CompletableFuture.runAsync(() -> {
            try {
                conn.open(uri);
                loop.submit(conn::register);
            } catch (IOException | RuntimeException e) {
                conn.closeQuietly();
                conn.opened.completeExceptionally(e);
            }
        });
        return conn.opened;
    }

    @Override
    public void close() {
        for (Loop l : loops) {
            l.stop();
        }
    }

    /** One selector thread and the connections registered with it. */
    private static final class Loop implements Runnable {
        private final Selector selector;
        private final Thread thread;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        /** Loop thread only: connections with frames gathered during the current batch. */
        private final List<Conn> dirty = new ArrayList<>();

        private volatile boolean running = true;

        Loop(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new BenchException("cannot open a selector", e);
            }
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void submit(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        boolean inLoop() {
            return Thread.currentThread() == thread;
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            while (running) {
                try {
                    selector.select(this::ready, TimeUnit.SECONDS.toMillis(1));
                } catch (IOException e) {
                    return;
                }
                for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                    t.run();
                }
                for (Conn c : dirty) {
                    c.flush();
                }
                dirty.clear();
            }
        }

        private void ready(SelectionKey key) {
            Conn c = (Conn) key.attachment();
            if (key.isValid() && key.isWritable()) {
                c.flush();
            }
            if (key.isValid() && key.isReadable()) {
                c.read();
            }
        }
    }

    private static final class Conn extends OwnClientConn {
        private final Loop loop;
        private final CompletableFuture<WsConn> opened = new CompletableFuture<>();
        private SocketChannel channel;
        private SelectionKey key;
        private byte[] in = new byte[READ_BUFFER];
        private int inLength;
        /** Guarded by {@code this}: encoded frames not yet written. */
        private ByteBuffer out = ByteBuffer.allocate(16 * 1024);
        /** Loop thread only: queued in {@link Loop#dirty} for this batch. */
        private boolean markedDirty;

        Conn(Loop loop, WsHandler handler) {
            super(handler);
            this.loop = loop;
        }

        /** Connects and upgrades with blocking I/O on the calling thread; leftover bytes stay in {@link #in}. */
        void open(URI uri) throws IOException {
            channel = SocketChannel.open();
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
            channel.socket().setSoTimeout(CONNECT_TIMEOUT_MS);
            String wsKey = RawHandshake.newKey();
            channel.socket().getOutputStream().write(RawHandshake.upgradeRequest(uri, wsKey));
            RawHandshake.checkUpgrade(readHead(channel.socket().getInputStream()), wsKey);
            channel.configureBlocking(false);
        }

        /** Reads the upgrade response head; bytes after it stay in {@link #in} as the first frames. */
        private String readHead(InputStream is) throws IOException {
            RawHandshake.Head head = RawHandshake.readHead(is, in, inLength);
            inLength = head.remaining();
            return head.text();
        }

        /** On the loop: registers for reads, reports the open, then handles bytes that came with the upgrade. */
        void register() {
            try {
                key = channel.register(loop.selector, SelectionKey.OP_READ, this);
            } catch (IOException e) {
                closeQuietly();
                opened.completeExceptionally(e);
                return;
            }
            handler.onOpen(this);
            opened.complete(this);
            decode();
        }

        void read() {
            try {
                if (inLength == in.length) {
                    in = Arrays.copyOf(in, Math.min(2 * in.length, WsCodec.MAX_MESSAGE + 14));
                }
                int n = channel.read(ByteBuffer.wrap(in, inLength, in.length - inLength));
                if (n < 0) {
                    finish(() -> handler.onClose(1006, "EOF without a close frame"));
                    return;
                }
                inLength += n;
                decode();
            } catch (IOException | RuntimeException e) {
                String why = GatewayClient.rootMessage(e);
                finish(() -> handler.onError(new BenchException(why, e)));
            }
        }

        private void decode() {
            int consumed = codec.decode(in, 0, inLength);
            inLength -= consumed;
            System.arraycopy(in, consumed, in, 0, inLength);
        }

        @Override
        void sendFrame(int opcode, byte[] payload) {
            int len = WsCodec.frameLength(payload.length);
            int mask = ThreadLocalRandom.current().nextInt();
            synchronized (this) {
                if (out.remaining() < len) {
                    ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + len));
                    out.flip();
                    bigger.put(out);
                    out = bigger;
                }
                int end = WsCodec.encode(opcode, payload, payload.length, mask, out.array(), out.position());
                out.position(end);
            }
            if (loop.inLoop()) {
                if (!markedDirty) {
                    markedDirty = true;
                    loop.dirty.add(this);
                }
            } else {
                loop.submit(this::flush);
            }
        }

        /** On the loop: writes what is buffered; what the socket does not take waits for OP_WRITE. */
        void flush() {
            markedDirty = false;
            if (finished.get() || key == null) {
                return;
            }
            try {
                write();
            } catch (IOException | RuntimeException e) {
                String why = "write failed: " + GatewayClient.rootMessage(e);
                finish(() -> handler.onError(new BenchException(why, e)));
            }
        }

        private void write() throws IOException {
            synchronized (this) {
                out.flip();
                channel.write(out);
                boolean left = out.hasRemaining();
                out.compact();
                key.interestOps(left ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }
        }

        @Override
        void flushQuietly() {
            if (key != null && channel.isOpen()) {
                try {
                    write();
                } catch (IOException | RuntimeException e) {
                    // the connection is ending; the report says how
                }
            }
        }

        @Override
        boolean socketOpen() {
            return channel != null && channel.isOpen();
        }

        @Override
        void closeSocket() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
