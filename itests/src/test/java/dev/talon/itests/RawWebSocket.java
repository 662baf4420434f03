package dev.talon.itests;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * A minimal RFC 6455 client on a plain socket, for upgrades with headers the JDK client refuses to set
 * ({@code Host}) or that browsers send ({@code Origin}, proxy headers). Blocking reads with a 5 s socket timeout,
 * so a missing frame fails the test instead of hanging it. Not thread-safe.
 */
public final class RawWebSocket implements AutoCloseable {
    /** A server frame. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame (1005 when it has none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final String responseHead;

    private RawWebSocket(int port, Map<String, String> headers) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 3_000);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.put("Upgrade", "websocket");
        h.put("Connection", "Upgrade");
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        h.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
        h.put("Sec-WebSocket-Version", "13");
        h.putAll(headers);
        StringBuilder req = new StringBuilder("GET / HTTP/1.1\r\n");
        h.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        responseHead = readHead();
        status = Integer.parseInt(responseHead.split(" ", 3)[1]);
    }

    /** Sends the upgrade with the default headers overridden or extended by {@code headers}. */
    public static RawWebSocket open(int port, Map<String, String> headers) {
        try {
            return new RawWebSocket(port, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP status of the upgrade response (101 when it succeeded). */
    public int status() {
        return status;
    }

    /** The body of a refused upgrade (reads up to {@code Content-Length}). */
    public String body() throws IOException {
        int len = 0;
        for (String line : responseHead.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                len = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The next server frame. */
    public Frame next() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, payload);
    }

    /** The next frame parsed as JSON; fails on a close frame. */
    public JsonNode nextJson() throws IOException {
        Frame f = next();
        if (f.opcode() != 1) {
            throw new AssertionError(
                    "expected a text frame, got opcode " + f.opcode() + " " + f.closeCode() + " " + f.closeReason());
        }
        return WsTestClient.JSON.readTree(f.text());
    }

    /** Sends one masked text frame. */
    public void sendText(String text) throws IOException {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        if (p.length < 126) {
            f.write(0x80 | p.length);
        } else {
            f.write(0x80 | 126);
            f.write(p.length >>> 8);
            f.write(p.length & 0xFF);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < p.length; i++) {
            f.write(p[i] ^ mask[i % 4]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** Sends a {@code connect} request with {@code params}. */
    public void connect(String id, Map<String, Object> params) throws IOException {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("type", "req");
        req.put("id", id);
        req.put("method", "connect");
        req.put("params", params);
        sendText(WsTestClient.JSON.writeValueAsString(req));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.readUnsignedByte();
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
