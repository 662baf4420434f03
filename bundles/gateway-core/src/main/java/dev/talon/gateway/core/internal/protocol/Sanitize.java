package dev.talon.gateway.core.internal.protocol;

/** Makes client-supplied text safe for a log line: no control, separator or format characters, bounded length. */
public final class Sanitize {
    private static final int MAX = 200;

    private Sanitize() {}

    public static String forLog(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX + 3));
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char ch = s.charAt(i);
            b.append(unsafe(ch) ? '?' : ch);
        }
        return s.length() > MAX ? b.append("...").toString() : b.toString();
    }

    /**
     * Controls (CR, LF, ESC for ANSI sequences, NEL), Unicode line/paragraph separators and format characters
     * (bidi overrides such as U+202E) could fake or disguise log lines (SECURITY.md S-24).
     */
    private static boolean unsafe(char ch) {
        int type = Character.getType(ch);
        return Character.isISOControl(ch)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }
}
