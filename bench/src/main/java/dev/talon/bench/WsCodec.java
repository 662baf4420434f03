package dev.talon.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 6455 framing for a client: {@link #encode} writes one masked client frame; a decoder instance
 * parses unmasked server frames out of a caller-owned byte buffer, reassembling fragmented text
 * messages. No extensions are negotiated, so reserved bits and masked server frames are errors.
 */
final class WsCodec {
    static final int OP_CONTINUATION = 0;
    static final int OP_TEXT = 1;
    static final int OP_BINARY = 2;
    static final int OP_CLOSE = 8;
    static final int OP_PING = 9;
    static final int OP_PONG = 10;

    /** Larger messages are a protocol error for this harness (the gateway's own limit is far lower). */
    static final int MAX_MESSAGE = 32 << 20;

    /** Receives decoded messages; all calls come from the thread calling {@link #decode}. */
    interface Sink {
        void onText(String text);

        /** The payload is only valid during the call. */
        void onPing(byte[] buf, int off, int len);

        /** 1005 when the close frame carried no code. */
        void onClose(int code, String reason);
    }

    private final Sink sink;
    private byte[] fragments = new byte[0];
    private int fragmentLength;
    private boolean inMessage;

    WsCodec(Sink sink) {
        this.sink = sink;
    }

    /** The payload of a close frame with {@code code}; none for 1005 (no code). */
    static byte[] closePayload(int code) {
        return code == 1005 ? new byte[0] : new byte[] {(byte) (code >>> 8), (byte) code};
    }

    /** Bytes a masked client frame with {@code payloadLength} payload bytes takes on the wire. */
    static int frameLength(int payloadLength) {
        return headerLength(payloadLength) + 4 + payloadLength;
    }

    private static int headerLength(long payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength < 65536 ? 4 : 10;
    }

    /**
     * Writes one final (FIN) frame with {@code payload} masked by {@code mask} into {@code dst} at
     * {@code off}, which must have {@link #frameLength} bytes free; returns the offset after it.
     */
    static int encode(int opcode, byte[] payload, int payloadLength, int mask, byte[] dst, int off) {
        int p = off;
        dst[p++] = (byte) (0x80 | opcode);
        if (payloadLength < 126) {
            dst[p++] = (byte) (0x80 | payloadLength);
        } else if (payloadLength < 65536) {
            dst[p++] = (byte) (0x80 | 126);
            dst[p++] = (byte) (payloadLength >>> 8);
            dst[p++] = (byte) payloadLength;
        } else {
            dst[p++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                dst[p++] = (byte) ((long) payloadLength >>> shift);
            }
        }
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        System.arraycopy(key, 0, dst, p, 4);
        p += 4;
        for (int i = 0; i < payloadLength; i++) {
            dst[p + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return p + payloadLength;
    }

    /**
     * Decodes every complete frame in {@code buf[off, end)} and returns the offset of the first byte
     * not consumed (the start of an incomplete frame, or {@code end}).
     *
     * @throws BenchException on a protocol violation; the connection is unusable afterwards
     */
    int decode(byte[] buf, int off, int end) {
        int p = off;
        while (end - p >= 2) {
            int b0 = buf[p] & 0xff;
            int b1 = buf[p + 1] & 0xff;
            int len7 = b1 & 0x7f;
            int header = len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
            if (end - p < header) {
                break;
            }
            long len = len7 < 126 ? len7 : readLength(buf, p + 2, header - 2);
            if ((b0 & 0x70) != 0 || (b1 & 0x80) != 0 || len > MAX_MESSAGE) {
                throw new BenchException("bad server frame (reserved bits, masked or " + len + " bytes)");
            }
            if (end - p - header < len) {
                break;
            }
            frame(b0, buf, p + header, (int) len);
            p += header + (int) len;
        }
        return p;
    }

    private static long readLength(byte[] buf, int p, int bytes) {
        long len = 0;
        for (int i = 0; i < bytes; i++) {
            len = (len << 8) | (buf[p + i] & 0xff);
        }
        return len;
    }

    private void frame(int b0, byte[] buf, int off, int len) {
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        if (opcode >= OP_CLOSE) {
            control(fin, opcode, buf, off, len);
        } else if (opcode == OP_TEXT && !inMessage) {
            if (fin) {
                sink.onText(new String(buf, off, len, StandardCharsets.UTF_8));
            } else {
                inMessage = true;
                append(buf, off, len);
            }
        } else if (opcode == OP_CONTINUATION && inMessage) {
            append(buf, off, len);
            if (fin) {
                inMessage = false;
                String text = new String(fragments, 0, fragmentLength, StandardCharsets.UTF_8);
                fragmentLength = 0;
                sink.onText(text);
            }
        } else {
            throw new BenchException("unexpected frame opcode " + opcode + (inMessage ? " inside a message" : ""));
        }
    }

    private void control(boolean fin, int opcode, byte[] buf, int off, int len) {
        if (!fin || len > 125) {
            throw new BenchException("fragmented or oversized control frame");
        }
        if (opcode == OP_PING) {
            sink.onPing(buf, off, len);
        } else if (opcode == OP_CLOSE) {
            int code = len >= 2 ? ((buf[off] & 0xff) << 8) | (buf[off + 1] & 0xff) : 1005;
            String reason = len > 2 ? new String(buf, off + 2, len - 2, StandardCharsets.UTF_8) : "";
            sink.onClose(code, reason);
        } else if (opcode != OP_PONG) {
            throw new BenchException("unknown control opcode " + opcode);
        }
    }

    private void append(byte[] buf, int off, int len) {
        if (fragmentLength + len > MAX_MESSAGE) {
            throw new BenchException("fragmented message over " + MAX_MESSAGE + " bytes");
        }
        if (fragmentLength + len > fragments.length) {
            fragments = Arrays.copyOf(fragments, Math.max(fragmentLength + len, 2 * fragments.length));
        }
        System.arraycopy(buf, off, fragments, fragmentLength, len);
        fragmentLength += len;
    }
}
