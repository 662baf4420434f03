package dev.talon.gateway.core.internal.conn;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.regex.Pattern;

/** Builds {@code http://host:port} for URLs the gateway hands to a client about its own HTTP side. Stateless. */
public final class BaseUrl {
    /** A DNS name or IPv4 literal, or a bracketed IPv6 literal, with an optional port: nothing else. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");

    private BaseUrl() {}

    /**
     * @param hostHeader the request's {@code Host} header, or null
     * @param local the socket's local address (fallback), or null
     */
    public static String of(String hostHeader, SocketAddress local) {
        if (hostHeader != null && HOST.matcher(hostHeader).matches()) {
            return "http://" + hostHeader;
        }
        if (local instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            int zone = host.indexOf('%');
            host = zone >= 0 ? host.substring(0, zone) : host;
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return "http://127.0.0.1";
    }
}
