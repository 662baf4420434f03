package dev.talon.bench;

/**
 * Walks the members of one JSON object in a string without building a tree: the harness reads a few
 * top-level fields per frame ({@code type}, {@code id}, {@code ok}, {@code event}, one payload field)
 * on the hot path, and a tokenizer per frame costs more than the scan. Values it is not asked for
 * are skipped structurally (strings with escapes, nested objects and arrays), so a key inside a
 * nested value or a string never matches. Not a validator: it stops as soon as the caller does.
 *
 * <pre>{@code
 * JsonScan s = JsonScan.object(text);
 * while (s.next()) {
 *     if (s.keyIs("id")) id = s.stringValue(); else s.skipValue();
 * }
 * }</pre>
 */
final class JsonScan {
    private final String s;
    private int pos;
    private int keyStart;
    private int keyEnd;

    private JsonScan(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    /** A scan over the object that {@code text} holds. */
    static JsonScan object(String text) {
        JsonScan scan = new JsonScan(text, 0);
        if (scan.peek() != '{') {
            throw new BenchException("frame is not a JSON object: " + text);
        }
        scan.pos++;
        return scan;
    }

    /** A scan over the object value of the current member; this scan then skips it. */
    JsonScan objectValue() {
        if (peek() != '{') {
            return null;
        }
        JsonScan inner = new JsonScan(s, pos + 1);
        skipValue();
        return inner;
    }

    /**
     * Moves to the next member's key; false at the end of the object. After true, the caller reads or
     * skips the value before calling this again.
     */
    boolean next() {
        char c = peek();
        if (c == ',') {
            pos++;
            c = peek();
        }
        if (c == '}') {
            pos++;
            return false;
        }
        if (c != '"') {
            throw bad("a member name");
        }
        keyStart = pos + 1;
        pos = endOfString(pos);
        keyEnd = pos - 1;
        if (peek() != ':') {
            throw bad("':'");
        }
        pos++;
        return true;
    }

    /** Whether the current key is {@code name} (keys with escapes never match; the protocol has none). */
    boolean keyIs(String name) {
        return keyEnd - keyStart == name.length() && s.regionMatches(keyStart, name, 0, name.length());
    }

    /** The current value if it is a string (escapes decoded), else null; moves past the value either way. */
    String stringValue() {
        if (peek() != '"') {
            skipValue();
            return null;
        }
        int start = pos + 1;
        pos = endOfString(pos);
        String raw = s.substring(start, pos - 1);
        return raw.indexOf('\\') < 0 ? raw : unescape(raw);
    }

    /** Whether the current value is the literal {@code true}; moves past the value. */
    boolean trueValue() {
        boolean t = peek() == 't' && s.startsWith("true", pos);
        skipValue();
        return t;
    }

    void skipValue() {
        char c = peek();
        if (c == '"') {
            pos = endOfString(pos);
        } else if (c == '{' || c == '[') {
            skipNested();
        } else {
            while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
        }
    }

    private void skipNested() {
        int depth = 0;
        do {
            if (pos >= s.length()) {
                throw bad("the end of a nested value");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos = endOfString(pos);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            pos++;
        } while (depth > 0);
    }

    /** Given the index of an opening quote, returns the index just after the closing one. */
    private int endOfString(int quote) {
        for (int i = quote + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        throw bad("the end of a string");
    }

    /** The next non-blank character, without consuming it. */
    private char peek() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return c;
            }
            pos++;
        }
        throw bad("more input");
    }

    private static String unescape(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(raw, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> b.append(e); // \" \\ \/
            }
        }
        return b.toString();
    }

    private BenchException bad(String expected) {
        String at = s.substring(Math.max(0, pos - 20), Math.min(s.length(), pos + 20));
        return new BenchException("bad JSON frame: expected " + expected + " at " + pos + " near «" + at + "»");
    }
}
