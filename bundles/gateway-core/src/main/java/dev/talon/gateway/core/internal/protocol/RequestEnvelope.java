package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.core.internal.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A request frame's envelope ({@code type}, {@code id}, {@code method}, {@code params}, {@code traceparent},
 * {@code expectedProfileId}) read by a small scanner instead of building a Jackson tree of the whole frame: most
 * requests are a few short strings and small or no params, and the tree and parser were about a quarter of the
 * gateway's allocation per request. Only {@code params}, when present and not {@code {}}, is parsed with Jackson.
 *
 * <p>{@link #read} answers only for the plain, valid case: a frame with escapes in a name or in one of the string
 * fields, a repeated or unknown property, an invalid field, text after the object or anything else unusual
 * gives null, and the caller parses it with Jackson ({@link RequestFrames}), which accepts it with the same result
 * or reports the precise problem. Stateless, thread-safe.
 *
 * @param id the request id
 * @param method the method name
 * @param params the params, or null when the frame has none
 */
record RequestEnvelope(String id, String method, JsonNode params) {
    private static final int TYPE = 1;
    private static final int ID = 2;
    private static final int METHOD = 4;
    private static final int PARAMS = 8;
    private static final int TRACEPARENT = 16;
    private static final int PROFILE = 32;
    private static final String REQ = "\"req\"";
    /** Quoted, in bit order: compared in place, so reading a frame allocates no strings for names. */
    private static final String[] NAMES = {
        "\"type\"", "\"id\"", "\"method\"", "\"params\"", "\"traceparent\"", "\"expectedProfileId\""
    };

    /** The envelope of {@code s}, or null when the frame must take the full parse (see the class comment). */
    static RequestEnvelope read(String s) {
        try {
            return new Scanner(s).frame();
        } catch (JacksonException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static final class Scanner {
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        RequestEnvelope frame() {
            skipWhitespace();
            if (next() != '{') {
                return null;
            }
            int seen = 0;
            String id = null;
            String method = null;
            JsonNode params = null;
            skipWhitespace();
            if (s.charAt(i) == '}') {
                return null;
            }
            while (true) {
                skipWhitespace();
                int bit = name();
                if (bit == 0 || (seen & bit) != 0) {
                    return null; // unknown or repeated: the full parse decides
                }
                seen |= bit;
                skipWhitespace();
                if (next() != ':') {
                    return null;
                }
                skipWhitespace();
                if (bit == PARAMS) {
                    params = paramsValue();
                    if (params == null) {
                        return null;
                    }
                } else if (bit == TYPE) {
                    if (!s.startsWith(REQ, i)) {
                        return null;
                    }
                    i += REQ.length();
                } else {
                    String value = plainString();
                    if (value == null) {
                        return null;
                    }
                    switch (bit) {
                        case ID -> id = value;
                        case METHOD -> method = value;
                        case TRACEPARENT -> {
                            if (value.length() > 128) {
                                return null;
                            }
                        }
                        default -> { // expectedProfileId
                            if (value.isEmpty() || value.length() > 128) {
                                return null;
                            }
                        }
                    }
                }
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    return null;
                }
            }
            skipWhitespace();
            if (i != s.length()
                    || (seen & TYPE) == 0
                    || id == null
                    || id.isEmpty()
                    || method == null
                    || method.isEmpty()) {
                return null;
            }
            return new RequestEnvelope(id, method, params);
        }

        /** The bit of the property name at {@code i} (moving past it), or 0 for any other or escaped name. */
        private int name() {
            for (int k = 0; k < NAMES.length; k++) {
                String quoted = NAMES[k];
                if (s.startsWith(quoted, i)) {
                    i += quoted.length();
                    return 1 << k;
                }
            }
            return 0;
        }

        /** A string without escapes or control characters, or null. */
        private String plainString() {
            if (next() != '"') {
                return null;
            }
            int start = i;
            while (true) {
                char c = next();
                if (c == '"') {
                    return s.substring(start, i - 1);
                }
                if (c == '\\' || c < 0x20) {
                    return null;
                }
            }
        }

        /** {@code {}} directly; any other value is delimited here and parsed by Jackson. */
        private JsonNode paramsValue() {
            int start = i;
            char c = s.charAt(i);
            if (c == '{') {
                int j = i + 1;
                while (isWhitespace(s.charAt(j))) {
                    j++;
                }
                if (s.charAt(j) == '}') {
                    i = j + 1;
                    return Json.WIRE.createObjectNode();
                }
            }
            if (!skipValue()) {
                return null;
            }
            return Json.parseValue(s.substring(start, i));
        }

        /** Moves past one JSON value (its extent only; Jackson checks the content). */
        private boolean skipValue() {
            char c = s.charAt(i);
            if (c == '"') {
                skipString();
                return true;
            }
            if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    c = next();
                    if (c == '"') {
                        i--;
                        skipString();
                    } else if (c == '{' || c == '[') {
                        depth++;
                    } else if (c == '}' || c == ']') {
                        depth--;
                    }
                } while (depth > 0);
                return true;
            }
            int start = i;
            while (i < s.length() && "{}[],: \t\r\n\"".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            return i > start;
        }

        private void skipString() {
            i++; // the opening quote
            while (true) {
                char c = next();
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return;
                }
            }
        }

        private void skipWhitespace() {
            while (i < s.length() && isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        }

        private char next() {
            return s.charAt(i++);
        }
    }
}
