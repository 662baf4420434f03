package dev.talon.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsCodecTest {
    /** What a decoder delivered, in order: texts, "ping:<payload>" and "close:<code> <reason>". */
    private final List<String> seen = new ArrayList<>();

    private final WsCodec codec = new WsCodec(new WsCodec.Sink() {
        @Override
        public void onText(String text) {
            seen.add(text);
        }

        @Override
        public void onPing(byte[] buf, int off, int len) {
            seen.add("ping:" + new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(int code, String reason) {
            seen.add("close:" + code + " " + reason);
        }
    });

    @Test
    void encodedClientFramesAreMaskedWithTheShortestLengthForm() throws IOException {
        for (int len : new int[] {0, 1, 125, 126, 65535, 65536, 70000}) {
            byte[] payload = new byte[len];
            Arrays.fill(payload, (byte) 'x');
            byte[] frame = new byte[WsCodec.frameLength(len) + 3];
            int end = WsCodec.encode(WsCodec.OP_TEXT, payload, len, 0x01020304, frame, 3);
            assertEquals(frame.length, end, "length " + len);
            assertEquals(len < 126 ? 2 : len < 65536 ? 4 : 10, WsCodec.frameLength(len) - 4 - len);
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(frame, 3, end - 3));
            assertEquals(0x81, in.readUnsignedByte());
            assertArrayEquals(payload, readMasked(in, 0x01020304), "length " + len);
        }
    }

    @Test
    void maskingUsesAllFourKeyBytes() {
        byte[] payload = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[WsCodec.frameLength(payload.length)];
        WsCodec.encode(WsCodec.OP_TEXT, payload, payload.length, 0x11223344, frame, 0);
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        for (int i = 0; i < payload.length; i++) {
            assertEquals((byte) (payload[i] ^ key[i % 4]), frame[6 + i], "byte " + i);
        }
    }

    @Test
    void textsWith7And16And64BitLengthsDecodeAtEveryReadBoundary() {
        String small = "{\"type\":\"res\",\"id\":\"1:1\",\"ok\":true}";
        String medium = "é".repeat(200); // 400 bytes: 16-bit length
        String large = "z".repeat(70_000); // 64-bit length
        byte[] wire = concat(text(small), text(medium), text(large));
        for (int chunk : new int[] {1, 2, 3, 7, 125, 4096, wire.length}) {
            seen.clear();
            feedInChunks(wire, chunk);
            assertEquals(List.of(small, medium, large), seen, "chunk " + chunk);
        }
    }

    @Test
    void fragmentedTextIsReassembledAroundAnInterleavedPing() {
        byte[] wire = concat(
                frame(false, WsCodec.OP_TEXT, "{\"a\":\"hé".getBytes(StandardCharsets.UTF_8)),
                frame(true, WsCodec.OP_PING, "p1".getBytes(StandardCharsets.UTF_8)),
                frame(false, WsCodec.OP_CONTINUATION, "ll".getBytes(StandardCharsets.UTF_8)),
                frame(true, WsCodec.OP_CONTINUATION, "o\"}".getBytes(StandardCharsets.UTF_8)),
                text("next"));
        for (int chunk : new int[] {1, 5, wire.length}) {
            seen.clear();
            feedInChunks(wire, chunk);
            assertEquals(List.of("ping:p1", "{\"a\":\"héllo\"}", "next"), seen, "chunk " + chunk);
        }
    }

    @Test
    void closeFramesCarryCodeAndReason() {
        byte[] reason = "bye".getBytes(StandardCharsets.UTF_8);
        byte[] payload = concat(new byte[] {0x03, (byte) 0xe9}, reason);
        feedInChunks(concat(frame(true, WsCodec.OP_CLOSE, payload), frame(true, WsCodec.OP_CLOSE, new byte[0])), 3);
        assertEquals(List.of("close:1001 bye", "close:1005 "), seen);
    }

    @Test
    void protocolViolationsAreRejected() {
        byte[] masked = text("x");
        masked[1] |= (byte) 0x80;
        byte[] rsv = text("x");
        rsv[0] |= 0x40;
        byte[] strayContinuation = frame(true, WsCodec.OP_CONTINUATION, new byte[1]);
        byte[] textInsideMessage = concat(frame(false, WsCodec.OP_TEXT, new byte[1]), text("y"));
        byte[] binary = frame(true, WsCodec.OP_BINARY, new byte[1]);
        byte[] fragmentedPing = frame(false, WsCodec.OP_PING, new byte[1]);
        for (byte[] wire : List.of(masked, rsv, strayContinuation, textInsideMessage, binary, fragmentedPing)) {
            WsCodec fresh = new WsCodec(codecSink());
            assertThrows(BenchException.class, () -> fresh.decode(wire, 0, wire.length));
        }
    }

    @Test
    void incompleteFramesAreLeftInTheBuffer() {
        byte[] wire = text("hello");
        assertEquals(0, codec.decode(wire, 0, 1));
        assertEquals(0, codec.decode(wire, 0, wire.length - 1));
        assertEquals(wire.length, codec.decode(wire, 0, wire.length));
        assertEquals(List.of("hello"), seen);
    }

    private WsCodec.Sink codecSink() {
        return new WsCodec.Sink() {
            @Override
            public void onText(String text) {}

            @Override
            public void onPing(byte[] buf, int off, int len) {}

            @Override
            public void onClose(int code, String reason) {}
        };
    }

    /** Feeds {@code wire} like a socket delivering {@code chunk} bytes per read into a compacting buffer. */
    private void feedInChunks(byte[] wire, int chunk) {
        byte[] buf = new byte[wire.length];
        int len = 0;
        for (int off = 0; off < wire.length; off += chunk) {
            int n = Math.min(chunk, wire.length - off);
            System.arraycopy(wire, off, buf, len, n);
            len += n;
            int consumed = codec.decode(buf, 0, len);
            System.arraycopy(buf, consumed, buf, 0, len - consumed);
            len -= consumed;
        }
        assertEquals(0, len, "bytes left over");
    }

    static byte[] text(String s) {
        return frame(true, WsCodec.OP_TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    /** An unmasked server frame. */
    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((fin ? 0x80 : 0) | opcode);
        int len = payload.length;
        if (len < 126) {
            b.write(len);
        } else if (len < 65536) {
            b.write(126);
            b.write(len >>> 8);
            b.write(len);
        } else {
            b.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                b.write((int) ((long) len >>> shift));
            }
        }
        b.writeBytes(payload);
        return b.toByteArray();
    }

    /** Reads the rest of a masked client frame after its first byte; checks the key when expected != 0. */
    static byte[] readMasked(InputStream is, int expectedMask) throws IOException {
        DataInputStream in = new DataInputStream(is);
        int b1 = in.readUnsignedByte();
        assertEquals(0x80, b1 & 0x80, "client frames are masked");
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] key = in.readNBytes(4);
        if (expectedMask != 0) {
            assertEquals(expectedMask, java.nio.ByteBuffer.wrap(key).getInt());
        }
        byte[] payload = in.readNBytes((int) len);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= key[i & 3];
        }
        return payload;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
