package dev.talon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the harness's own clients ({@link RawTransport}, {@link NioTransport}) share per connection: the decoder's
 * callbacks (pong for ping, close echo), the close handshake, and reporting the end exactly once. Subclasses move the
 * bytes; decoder callbacks come from one thread per connection at a time.
 */
abstract class OwnClientConn implements Transport.WsConn, WsCodec.Sink {
    final Transport.WsHandler handler;
    final WsCodec codec = new WsCodec(this);
    final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean closeSent;

    OwnClientConn(Transport.WsHandler handler) {
        this.handler = handler;
    }

    /** Encodes one frame and sends it or queues it; callable from any thread. */
    abstract void sendFrame(int opcode, byte[] payload);

    /** Writes what is queued, as far as the socket takes it now; failures are ignored (the connection is ending). */
    abstract void flushQuietly();

    abstract boolean socketOpen();

    abstract void closeSocket() throws IOException;

    @Override
    public void onText(String text) {
        handler.onText(text);
    }

    @Override
    public void onPing(byte[] buf, int off, int len) {
        sendFrame(WsCodec.OP_PONG, Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void onClose(int code, String reason) {
        if (!closeSent) {
            sendFrame(WsCodec.OP_CLOSE, WsCodec.closePayload(code));
        }
        finish(() -> handler.onClose(code, reason));
    }

    /** Runs {@code report} (one of onClose/onError) only for the first way the connection ends. */
    final void finish(Runnable report) {
        if (finished.compareAndSet(false, true)) {
            flushQuietly();
            closeQuietly();
            report.run();
        }
    }

    @Override
    public void send(String text) {
        sendFrame(WsCodec.OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (!closeSent && !finished.get()) {
            closeSent = true;
            sendFrame(WsCodec.OP_CLOSE, WsCodec.closePayload(1000));
        }
    }

    @Override
    public void abort() {
        closeQuietly();
    }

    @Override
    public boolean isOpen() {
        return !finished.get() && !closeSent && socketOpen();
    }

    final void closeQuietly() {
        try {
            closeSocket();
        } catch (IOException e) {
            // closing only frees the descriptor; nothing to report
        }
    }
}
