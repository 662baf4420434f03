package dev.talon.gateway.core.internal.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.api.ClientInfo;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    /** A Jetty session that records frames and never completes writes (a peer that stopped reading). */
    private static final class StalledPeer {
        final List<String> sent = new ArrayList<>();
        final List<Callback> pending = new ArrayList<>();
        int closeCode;
        String closeReason;

        Session session() {
            return (Session) Proxy.newProxyInstance(
                    Session.class.getClassLoader(),
                    new Class<?>[] {Session.class},
                    (proxy, m, args) -> switch (m.getName()) {
                        case "sendText" -> {
                            sent.add((String) args[0]);
                            pending.add((Callback) args[1]);
                            yield null;
                        }
                        case "close" -> {
                            if (args != null && args.length == 3) {
                                closeCode = (Integer) args[0];
                                closeReason = (String) args[1];
                            }
                            yield null;
                        }
                        case "getRemoteSocketAddress" -> new InetSocketAddress("127.0.0.1", 5555);
                        default -> null;
                    });
        }
    }

    private static class RecordingListener implements ConnectionListener {
        int slow;
        final List<String> handshakes = new ArrayList<>();

        @Override
        public void opened(Connection c) {}

        @Override
        public void handshake(Connection c, String text) {
            handshakes.add(text);
        }

        @Override
        public void request(Connection c, String text) {}

        @Override
        public void binary(Connection c) {}

        @Override
        public void slowConsumer(Connection c) {
            slow++;
        }

        @Override
        public void closed(Connection c, int code, String reason) {}
    }

    private static Connection openConnection(StalledPeer peer, RecordingListener listener, long maxBuffered) {
        return open(new Connection(listener, maxBuffered), peer);
    }

    private static Connection open(Connection c, StalledPeer peer) {
        c.onWebSocketOpen(peer.session());
        text(c, "{\"type\":\"req\"}"); // moves to HANDSHAKING
        Principal p = new Principal(
                "operator",
                Set.of("operator.read"),
                new ClientInfo("cli", "cli", "1", "linux", null, null, "127.0.0.1", true),
                "token",
                4,
                null,
                0);
        c.open(p, "{\"hello\":1}", 1_000_000);
        return c;
    }

    @Test
    void responsesToOverlappingRequestsShareOneQueuedFlushAndALoneRequestIsWrittenAtOnce() {
        StalledPeer peer = new StalledPeer();
        List<Runnable> flusher = new ArrayList<>();
        Connection c = open(new Connection(new RecordingListener(), 1_000_000, flusher::add), peer);

        c.beginDispatch();
        c.dispatch(() -> c.send("{\"id\":\"alone\"}"));
        assertEquals(List.of(), flusher, "a lone request's response needs no flusher");

        c.beginDispatch();
        c.beginDispatch();
        c.dispatch(() -> {
            c.send("{\"id\":\"a\"}");
            c.send("{\"id\":\"b\"}");
        });
        assertEquals(1, flusher.size(), "one flush waits for both responses");
        flusher.get(0).run();
        c.beginDispatch();
        c.dispatch(() -> c.send("{\"id\":\"c\"}"));
        assertEquals(2, flusher.size(), "after the flush ran, the next overlapping response queues a new one");
        c.dispatch(() -> c.send("{\"id\":\"d\"}"));
        c.dispatch(() -> c.send("{\"id\":\"e\"}"));
        assertEquals(2, flusher.size(), "the last requests in flight write at once");
        assertEquals(
                List.of(
                        "{\"id\":\"alone\"}",
                        "{\"id\":\"a\"}",
                        "{\"id\":\"b\"}",
                        "{\"id\":\"c\"}",
                        "{\"id\":\"d\"}",
                        "{\"id\":\"e\"}"),
                peer.sent.subList(1, peer.sent.size()),
                "every response queued in order after hello");
    }

    @Test
    void aStoppedFlusherFallsBackToWritingAtOnce() {
        StalledPeer peer = new StalledPeer();
        Connection c = open(
                new Connection(new RecordingListener(), 1_000_000, task -> {
                    throw new java.util.concurrent.RejectedExecutionException("stopped");
                }),
                peer);
        c.beginDispatch();
        c.beginDispatch();
        c.dispatch(() -> c.send("{\"id\":\"1\"}"));
        c.dispatchRefused();
        assertEquals("{\"id\":\"1\"}", peer.sent.get(peer.sent.size() - 1));
    }

    @Test
    void eventsCarryAGapFreeSeqPerConnection() {
        StalledPeer peer = new StalledPeer();
        Connection c = openConnection(peer, new RecordingListener(), 1_000_000);
        c.sendEvent("{\"type\":\"event\",\"event\":\"tick\"", false);
        c.sendEvent("{\"type\":\"event\",\"event\":\"tick\"", true);
        assertEquals("{\"type\":\"event\",\"event\":\"tick\",\"seq\":1}", peer.sent.get(1));
        assertEquals("{\"type\":\"event\",\"event\":\"tick\",\"seq\":2}", peer.sent.get(2));
        assertEquals(2, c.lastSeq());
    }

    @Test
    void aDroppableEventOverTheBufferLimitIsSkippedButConsumesItsSeq() {
        StalledPeer peer = new StalledPeer();
        RecordingListener listener = new RecordingListener();
        Connection c = openConnection(peer, listener, 300);
        String big = "{\"type\":\"event\",\"event\":\"presence\",\"payload\":\"" + "x".repeat(150) + "\"";
        c.sendEvent(big, true); // fits: about 220 bytes with the hello
        c.sendEvent(big, true); // over the limit: dropped, seq 2 consumed
        assertEquals(2, peer.sent.size(), "hello + one event were written");
        assertEquals(0, listener.slow);
        peer.pending.forEach(Callback::succeed); // the peer catches up
        assertEquals(0, c.bufferedBytes());
        c.sendEvent("{\"type\":\"event\",\"event\":\"tick\"", false);
        assertTrue(peer.sent.get(peer.sent.size() - 1).endsWith(",\"seq\":3}"), "the client sees the gap 1 -> 3");
    }

    @Test
    void aNonDroppableEventOverTheLimitClosesTheSlowConsumerWith1008() {
        StalledPeer peer = new StalledPeer();
        RecordingListener listener = new RecordingListener();
        Connection c = openConnection(peer, listener, 200);
        String big = "{\"type\":\"event\",\"event\":\"health\",\"payload\":\"" + "x".repeat(300) + "\"";
        c.sendEvent(big, false);
        assertEquals(1, listener.slow);
        assertEquals(1008, peer.closeCode);
        assertEquals("slow consumer", peer.closeReason);
        assertEquals(Connection.State.CLOSED, c.state());
    }

    @Test
    void bufferedBytesAreReleasedWhenWritesFail() {
        StalledPeer peer = new StalledPeer();
        Connection c = openConnection(peer, new RecordingListener(), 1_000_000);
        c.send("{\"type\":\"res\",\"id\":\"1\",\"ok\":true}");
        assertTrue(c.bufferedBytes() > 0);
        peer.pending.forEach(cb -> cb.fail(new java.io.IOException("reset")));
        assertEquals(0, c.bufferedBytes());
    }

    @Test
    void framesBeyondFifteenDuringTheHandshakeCloseTheConnection() {
        StalledPeer peer = new StalledPeer();
        Connection c = new Connection(new RecordingListener(), 1_000_000);
        c.onWebSocketOpen(peer.session());
        text(c, "{\"connect\":1}");
        for (int i = 0; i < Connection.MAX_PENDING_HANDSHAKE_FRAMES; i++) {
            text(c, "{}");
        }
        assertEquals(0, peer.closeCode);
        text(c, "{}");
        assertEquals(1008, peer.closeCode);
        assertEquals("too many pending handshake frames", peer.closeReason);
    }

    @Test
    void closeReasonsAreCutTo123BytesOnACharacterBoundary() {
        assertEquals("short", Connection.truncate("short"));
        assertEquals(123, Connection.truncate("x".repeat(200)).getBytes(StandardCharsets.UTF_8).length);
        String multiByte = "é".repeat(100);
        String cut = Connection.truncate(multiByte);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 123);
        assertTrue(multiByte.startsWith(cut));
    }

    /** A data frame as Jetty's API hands it over. */
    private static org.eclipse.jetty.websocket.api.Frame frame(byte op, byte effective, byte[] payload, boolean fin) {
        return (org.eclipse.jetty.websocket.api.Frame) Proxy.newProxyInstance(
                org.eclipse.jetty.websocket.api.Frame.class.getClassLoader(),
                new Class<?>[] {org.eclipse.jetty.websocket.api.Frame.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getOpCode" -> op;
                    case "getEffectiveOpCode" -> effective;
                    case "getPayload" -> java.nio.ByteBuffer.wrap(payload);
                    case "getPayloadLength" -> payload.length;
                    case "isFin" -> fin;
                    default -> null;
                });
    }

    private static void text(Connection c, String s) {
        c.onWebSocketFrame(frame(OpCode.TEXT, OpCode.TEXT, s.getBytes(StandardCharsets.UTF_8), true), Callback.NOOP);
    }

    private static Connection fresh(StalledPeer peer, RecordingListener listener) {
        Connection c = new Connection(listener, 1 << 20);
        c.onWebSocketOpen(peer.session());
        return c;
    }

    @Test
    void fragmentedTextIsAssembledIntoOneMessageEvenAcrossACodePoint() {
        StalledPeer peer = new StalledPeer();
        RecordingListener listener = new RecordingListener();
        Connection c = fresh(peer, listener);
        byte[] all = "{\"type\":\"req\",\"id\":\"\u00e9\u20ac\"}".getBytes(StandardCharsets.UTF_8);
        int cut = all.length - 4; // inside the three bytes of the euro sign
        c.onWebSocketFrame(
                frame(OpCode.TEXT, OpCode.TEXT, java.util.Arrays.copyOfRange(all, 0, cut), false), Callback.NOOP);
        c.onWebSocketFrame(
                frame(OpCode.CONTINUATION, OpCode.TEXT, java.util.Arrays.copyOfRange(all, cut, all.length), true),
                Callback.NOOP);
        assertEquals(List.of("{\"type\":\"req\",\"id\":\"\u00e9\u20ac\"}"), listener.handshakes);
    }

    @Test
    void aFragmentedMessageOverThePreAuthLimitClosesWith1009() {
        StalledPeer peer = new StalledPeer();
        RecordingListener listener = new RecordingListener();
        Connection c = fresh(peer, listener);
        byte[] chunk = "x".repeat(16_384).getBytes(StandardCharsets.US_ASCII);
        c.onWebSocketFrame(frame(OpCode.TEXT, OpCode.TEXT, chunk, false), Callback.NOOP);
        for (int i = 0; i < 4 && peer.closeCode == 0; i++) {
            c.onWebSocketFrame(frame(OpCode.CONTINUATION, OpCode.TEXT, chunk, false), Callback.NOOP);
        }
        assertEquals(1009, peer.closeCode);
        assertTrue(peer.closeReason.startsWith("Text message too large"), peer.closeReason);
        assertEquals(List.of(), listener.handshakes);
    }

    @Test
    void invalidUtf8ClosesWith1007AndReachesNoHandler() {
        StalledPeer peer = new StalledPeer();
        RecordingListener listener = new RecordingListener();
        Connection c = fresh(peer, listener);
        c.onWebSocketFrame(frame(OpCode.TEXT, OpCode.TEXT, new byte[] {'{', (byte) 0xC3, '}'}, true), Callback.NOOP);
        assertEquals(1007, peer.closeCode);
        assertEquals(List.of(), listener.handshakes);
    }

    @Test
    void aBinaryMessageIsReportedOnceNotPerFrame() {
        StalledPeer peer = new StalledPeer();
        int[] binaries = {0};
        RecordingListener listener = new RecordingListener() {
            @Override
            public void binary(Connection c) {
                binaries[0]++;
            }
        };
        Connection c = fresh(peer, listener);
        c.onWebSocketFrame(frame(OpCode.BINARY, OpCode.BINARY, new byte[] {1}, false), Callback.NOOP);
        c.onWebSocketFrame(frame(OpCode.CONTINUATION, OpCode.BINARY, new byte[] {2}, true), Callback.NOOP);
        assertEquals(1, binaries[0]);
        text(c, "{\"ok\":1}");
        assertEquals(List.of("{\"ok\":1}"), listener.handshakes);
    }
}
