package dev.talon.gateway.core.internal.config;

/**
 * A parsed {@code gateway.bind} value: {@code loopback}, {@code lan}, {@code host}, {@code host:port},
 * {@code [v6]} or {@code [v6]:port}.
 *
 * @param host the host to listen on
 * @param port the port given in the value, or null
 */
public record BindAddress(String host, Integer port) {

    /** @throws IllegalArgumentException naming {@code gateway.bind} when the value is malformed */
    public static BindAddress parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("loopback") || v.equalsIgnoreCase("localhost")) {
            return new BindAddress("127.0.0.1", null);
        }
        if (v.equalsIgnoreCase("lan")) {
            return new BindAddress("0.0.0.0", null);
        }
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) {
                throw bad(value);
            }
            String rest = v.substring(end + 1);
            return new BindAddress(v.substring(1, end), rest.isEmpty() ? null : port(rest, value));
        }
        int colon = v.indexOf(':');
        if (colon >= 0 && colon == v.lastIndexOf(':')) {
            return new BindAddress(nonEmpty(v.substring(0, colon), value), port(v.substring(colon), value));
        }
        return new BindAddress(nonEmpty(v, value), null);
    }

    private static Integer port(String colonPort, String value) {
        if (!colonPort.startsWith(":")) {
            throw bad(value);
        }
        try {
            int p = Integer.parseInt(colonPort.substring(1));
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("gateway.bind: port must be between 1 and 65535 in '" + value + "'");
    }

    private static String nonEmpty(String host, String value) {
        if (host.isBlank() || host.contains(" ")) {
            throw bad(value);
        }
        return host;
    }

    private static IllegalArgumentException bad(String value) {
        return new IllegalArgumentException(
                "gateway.bind: expected loopback, lan, host, host:port or [ipv6]:port, not '" + value + "'");
    }
}
