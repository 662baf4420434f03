package dev.talon.node.canvas.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path below a host's prefix, decoded and checked segment by segment before it touches a file
 * system: every segment must be a plain file name. Refused: empty or dot segments, hidden names (leading
 * {@code .}), separators or backslashes in any form (raw or percent-encoded), NUL and control characters,
 * {@code :} (drive letters, alternate streams), malformed percent-encoding and invalid UTF-8.
 *
 * @param segments the decoded names, outermost first; empty for the host's root
 * @param directory whether the path ended with {@code /} (or was empty): a directory index is asked for
 */
record RequestPath(List<String> segments, boolean directory) {
    /** Longest accepted raw path below the prefix. */
    static final int MAX_LENGTH = 2048;

    RequestPath {
        segments = List.copyOf(segments);
    }

    /** Parses the percent-encoded remainder after the prefix (no leading {@code /}); empty when refused. */
    static Optional<RequestPath> parse(String raw) {
        if (raw.length() > MAX_LENGTH || raw.startsWith("/")) {
            return Optional.empty();
        }
        boolean directory = raw.isEmpty() || raw.endsWith("/");
        String body = directory && !raw.isEmpty() ? raw.substring(0, raw.length() - 1) : raw;
        List<String> segments = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String encoded : body.split("/", -1)) {
                Optional<String> name = decode(encoded).filter(RequestPath::plainName);
                if (name.isEmpty()) {
                    return Optional.empty();
                }
                segments.add(name.get());
            }
        }
        return Optional.of(new RequestPath(segments, directory));
    }

    /** The last segment, or empty for the root. */
    String last() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    static boolean plainName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.length() > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':') {
                return false;
            }
        }
        return true;
    }

    /** Strict percent-decoding: {@code +} stays literal, bad escapes and invalid UTF-8 refuse the segment. */
    static Optional<String> decode(String segment) {
        ByteBuffer bytes = ByteBuffer.allocate(segment.length() * 4);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
