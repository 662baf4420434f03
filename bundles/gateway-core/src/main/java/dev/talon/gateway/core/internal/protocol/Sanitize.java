package dev.talon.gateway.core.internal.protocol;

/** Makes client-supplied text safe for a log line: no control characters, bounded length. */
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
            b.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return s.length() > MAX ? b.append("...").toString() : b.toString();
    }
}
