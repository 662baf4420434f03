package dev.talon.bench;

import static dev.talon.bench.WsCodecTest.concat;
import static dev.talon.bench.WsCodecTest.frame;
import static dev.talon.bench.WsCodecTest.readMasked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harness's own clients, {@link RawTransport} (a blocking reader thread per connection) and {@link NioTransport}
 * (an event loop), against a scripted server socket: upgrade, fragments, ping, replies, a large frame, close.
 */
@Timeout(20)
class BlockingAndLoopTransportTest {
    private final BlockingQueue<String> events = new ArrayBlockingQueue<>(16);

    @ParameterizedTest
    @ValueSource(strings = {"raw", "nio"})
    void answersPingsReassemblesFragmentsRepliesFromTheReaderAndEchoesClose(String kind) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Transport transport = Transport.create(kind)) {
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
            var opening = transport.connect(uri, new Recorder());
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                acceptUpgrade(in, out);
                Transport.WsConn conn = opening.get(5, TimeUnit.SECONDS);
                assertEquals("open", events.poll(5, TimeUnit.SECONDS));

                out.write(concat(
                        frame(false, WsCodec.OP_TEXT, bytes("hel")),
                        frame(true, WsCodec.OP_PING, bytes("are you there")),
                        frame(true, WsCodec.OP_CONTINUATION, bytes("lo"))));
                assertEquals(0x8a, in.read(), "a pong");
                assertEquals("are you there", new String(readMasked(in, 0), StandardCharsets.UTF_8));
                assertEquals(0x81, in.read(), "the handler's reply, sent from the reader (or loop) thread");
                assertEquals("re:hello", new String(readMasked(in, 0), StandardCharsets.UTF_8));
                assertEquals("text hello", events.poll(5, TimeUnit.SECONDS));

                conn.send("x".repeat(70_000));
                assertEquals(0x81, in.read());
                assertEquals(70_000, readMasked(in, 0).length);

                out.write(frame(true, WsCodec.OP_CLOSE, new byte[] {0x03, (byte) 0xe8}));
                assertEquals(0x88, in.read(), "the close echo");
                byte[] code = readMasked(in, 0);
                assertEquals(1000, ((code[0] & 0xff) << 8) | (code[1] & 0xff));
                assertEquals("close 1000", events.poll(5, TimeUnit.SECONDS));
                assertTrue(!conn.isOpen());
            }
        }
    }

    private static void acceptUpgrade(InputStream in, OutputStream out) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String key = head.toString()
                .lines()
                .filter(l -> l.startsWith("Sec-WebSocket-Key: "))
                .findFirst()
                .orElseThrow()
                .substring("Sec-WebSocket-Key: ".length());
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + RawHandshake.accept(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private final class Recorder implements Transport.WsHandler {
        private Transport.WsConn conn;

        @Override
        public void onOpen(Transport.WsConn c) {
            conn = c;
            events.add("open");
        }

        @Override
        public void onText(String text) {
            conn.send("re:" + text);
            events.add("text " + text);
        }

        @Override
        public void onClose(int code, String reason) {
            events.add("close " + code);
        }

        @Override
        public void onError(Throwable error) {
            events.add("error " + error);
        }
    }
}
