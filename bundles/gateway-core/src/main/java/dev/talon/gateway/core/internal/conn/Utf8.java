package dev.talon.gateway.core.internal.conn;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Strict UTF-8 decoding of WebSocket text payloads, with a fast path for pure ASCII (what JSON frames are). */
final class Utf8 {
    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8() {}

    /** The text of {@code b}'s remaining bytes (not consumed), or null when they are not valid UTF-8. */
    static String decode(ByteBuffer b) {
        int pos = b.position();
        int n = b.remaining();
        if (b.hasArray()) {
            byte[] a = b.array();
            int off = b.arrayOffset() + pos;
            return isAscii(a, off, n) ? new String(a, off, n, StandardCharsets.ISO_8859_1) : strict(b);
        }
        byte[] copy = new byte[n];
        b.get(pos, copy);
        return isAscii(copy, 0, n) ? new String(copy, StandardCharsets.ISO_8859_1) : strict(b);
    }

    private static boolean isAscii(byte[] a, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            if (a[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String strict(ByteBuffer b) {
        try {
            CharBuffer chars = DECODER.get().reset().decode(b.duplicate());
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The bytes of a fragmented message; decoded once at the end, so code points may span fragments. */
    static final class Accumulator {
        private byte[] bytes = new byte[256];
        private int length;

        /** Appends {@code b}'s remaining bytes; false when that would exceed {@code max}. */
        boolean append(ByteBuffer b, long max) {
            int n = b.remaining();
            if (length + (long) n > max) {
                return false;
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
            }
            b.get(b.position(), bytes, length, n);
            length += n;
            return true;
        }

        String decode() {
            return Utf8.decode(ByteBuffer.wrap(bytes, 0, length));
        }
    }
}
