package dev.talon.gateway.core.internal.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Strict IP-literal parsing and classification; never does a DNS lookup (SECURITY.md S-22).
 *
 * <p>IPv4 must be four decimal octets without leading zeros ({@code 127.1}, {@code 0x7f.0.0.1},
 * {@code 0177.0.0.1} and trailing dots are not addresses). IPv6 may be bracketed and may carry a zone
 * ({@code %lo}), which is ignored; IPv4-mapped IPv6 ({@code ::ffff:127.0.0.1}) is treated as the IPv4
 * address. Host names, including {@code localhost} and {@code 127.evil.example}, are not literals. Stateless.
 */
public final class IpLiteral {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiteral() {}

    /** The address {@code text} denotes when it is an IP literal, else null. */
    public static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (IPV4.matcher(s).matches()) {
            return byAddress(s);
        }
        int zone = s.indexOf('%');
        if (zone > 0) {
            s = s.substring(0, zone);
        }
        // Only strings with ':' reach InetAddress, which then parses them as IPv6 literals, never via DNS.
        if (s.indexOf(':') < 0 || !IPV6_CHARS.matcher(s).matches()) {
            return null;
        }
        if (s.indexOf('.') >= 0
                && !IPV4.matcher(s.substring(s.lastIndexOf(':') + 1)).matches()) {
            return null; // an embedded IPv4 tail (::ffff:127.0.0.1) follows the strict IPv4 rules too
        }
        return byAddress(s);
    }

    /** Whether {@code text} is an IP literal in 127.0.0.0/8 or ::1 (or IPv4-mapped loopback). */
    public static boolean isLoopback(String text) {
        InetAddress a = parse(text);
        return a != null && a.isLoopbackAddress();
    }

    /**
     * Whether {@code a} is loopback, RFC 1918 private, link-local, carrier-grade NAT (100.64.0.0/10, used by
     * Tailscale) or IPv6 unique-local (fc00::/7).
     */
    public static boolean isPrivateOrLoopback(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
        }
        return a instanceof Inet6Address && (b[0] & 0xFE) == 0xFC;
    }

    /** The canonical text of {@code a}: dotted IPv4, or compressed lowercase IPv6 without brackets. */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        return compress(a.getAddress());
    }

    private static InetAddress byAddress(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** RFC 5952 text: the longest run (length ≥ 2) of zero groups becomes {@code ::}. */
    private static String compress(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
