package dev.talon.bench;

import dev.talon.bench.Frames.Frame;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal blocking RFC 6455 client that performs exactly one gateway handshake on the calling
 * thread: upgrade, challenge, signed connect, hello-ok, close. It costs the harness a fraction of
 * what a general WebSocket client costs per connection, so on a shared 2-core machine the
 * handshake rate reflects the gateway rather than the load generator.
 */
final class RawHandshake {
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHandshake(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
    }

    /** Performs one handshake; returns {@link System#nanoTime()} at hello-ok. Always closes the socket. */
    static long run(ConnectSpec spec, int timeoutMs) {
        URI url = spec.url();
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMs);
            s.connect(new InetSocketAddress(url.getHost(), url.getPort()), timeoutMs);
            RawHandshake ws = new RawHandshake(s);
            ws.upgrade(url);
            long helloAt = ws.authenticate(spec);
            ws.close();
            return helloAt;
        } catch (SocketTimeoutException e) {
            throw new BenchException("no hello-ok within " + timeoutMs + " ms");
        } catch (IOException e) {
            throw new BenchException("handshake I/O: " + e, e);
        }
    }

    private void upgrade(URI url) throws IOException {
        String key = newKey();
        out.write(upgradeRequest(url, key));
        out.flush();
        checkUpgrade(readHead(), key);
    }

    /** A fresh {@code Sec-WebSocket-Key}. */
    static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The HTTP/1.1 upgrade request for {@code url}. */
    static byte[] upgradeRequest(URI url, String key) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads from {@code is} into {@code buf}, which already holds {@code length} bytes, up to the blank line ending
     * the upgrade response; the bytes after it (the first frames) are moved to the front of {@code buf}.
     *
     * @return the response head and how many bytes are left in {@code buf}
     */
    static Head readHead(InputStream is, byte[] buf, int length) throws IOException {
        while (true) {
            for (int i = 3; i < length; i++) {
                if (buf[i - 3] == '\r' && buf[i - 2] == '\n' && buf[i - 1] == '\r' && buf[i] == '\n') {
                    String head = new String(buf, 0, i + 1, StandardCharsets.US_ASCII);
                    System.arraycopy(buf, i + 1, buf, 0, length - i - 1);
                    return new Head(head, length - i - 1);
                }
            }
            int n = length == buf.length ? -1 : is.read(buf, length, buf.length - length);
            if (n < 0) {
                throw new BenchException("connection closed during the upgrade");
            }
            length += n;
        }
    }

    /** An upgrade response head and the count of bytes read after it. */
    record Head(String text, int remaining) {}

    /** Fails unless {@code response} (the head up to the blank line) accepts the upgrade for {@code key}. */
    static void checkUpgrade(String response, String key) {
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new BenchException(
                    "upgrade refused: " + response.lines().findFirst().orElse(""));
        }
        if (!response.toLowerCase(Locale.ROOT)
                .contains("sec-websocket-accept: " + accept(key).toLowerCase(Locale.ROOT))) {
            throw new BenchException("bad Sec-WebSocket-Accept in: " + response);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = readByte();
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    static String accept(String key) {
        try {
            byte[] sha1 =
                    MessageDigest.getInstance("SHA-1").digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new BenchException("SHA-1 is not available", e);
        }
    }

    /** Answers the challenge and reads until the connect response; returns nanoTime at hello-ok. */
    private long authenticate(ConnectSpec spec) throws IOException {
        String connectId = "1:" + UUID.randomUUID();
        while (true) {
            Frame f = Frames.parse(readText());
            if (f.isEvent("connect.challenge")) {
                var payload = Frames.tree(f.raw()).path("payload");
                writeFrame(
                        WsCodec.OP_TEXT,
                        Frames.connect(
                                        connectId,
                                        spec,
                                        payload.path("nonce").asString(""),
                                        payload.path("ts").asLong(System.currentTimeMillis()))
                                .getBytes(StandardCharsets.UTF_8));
            } else if (f.isRes() && connectId.equals(f.id())) {
                if (!f.ok()) {
                    throw new BenchException("connect rejected: " + Frames.error(f));
                }
                return System.nanoTime();
            }
        }
    }

    /** Next complete text message; answers pings, fails on close. */
    private String readText() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(1024);
        while (true) {
            int b0 = readByte();
            int opcode = b0 & 0x0f;
            byte[] payload = readPayload();
            if (opcode == WsCodec.OP_PING) {
                writeFrame(WsCodec.OP_PONG, payload);
            } else if (opcode == WsCodec.OP_CLOSE) {
                int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                String reason =
                        payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                throw new BenchException("closed " + code + " " + reason);
            } else if (opcode != WsCodec.OP_PONG) {
                message.write(payload);
                if ((b0 & 0x80) != 0) {
                    return message.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }

    private byte[] readPayload() throws IOException {
        int b1 = readByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = ((long) readByte() << 8) | readByte();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte();
            }
        }
        if ((b1 & 0x80) != 0 || len > WsCodec.MAX_MESSAGE) {
            throw new BenchException("bad server frame (masked or " + len + " bytes)");
        }
        return in.readNBytes((int) len);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new BenchException("connection closed by the gateway");
        }
        return b;
    }

    private void writeFrame(int opcode, byte[] payload) throws IOException {
        byte[] frame = new byte[WsCodec.frameLength(payload.length)];
        WsCodec.encode(
                opcode, payload, payload.length, ThreadLocalRandom.current().nextInt(), frame, 0);
        out.write(frame);
        out.flush();
    }

    /** Sends close 1000 and waits briefly for the gateway's close (or EOF). */
    private void close() throws IOException {
        writeFrame(WsCodec.OP_CLOSE, new byte[] {0x03, (byte) 0xe8});
        socket.setSoTimeout(1000);
        try {
            while (true) {
                int b0 = readByte();
                readPayload();
                if ((b0 & 0x0f) == WsCodec.OP_CLOSE) {
                    return;
                }
            }
        } catch (BenchException | SocketTimeoutException e) {
            // EOF or a slow close: the socket is closed by the caller either way.
        }
    }
}
