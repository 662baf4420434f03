package dev.talon.gateway.core.internal.security;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a browser may open a gateway WebSocket, from the upgrade's {@code Origin} and {@code Host}
 * headers and the socket peer (protocol §1.1.1; SECURITY.md S-02, S-03, S-22). Immutable and thread-safe;
 * {@link #evaluate} is a pure function.
 *
 * <p>In order:
 * <ol>
 *   <li>No {@code Origin}: allowed; not a browser.</li>
 *   <li>{@code Origin: null} or anything that is not {@code http(s)://host[:port]}: refused.</li>
 *   <li>Listed in {@code gateway.controlUi.allowedOrigins} (scheme, host case-insensitively, and port, with the
 *       scheme's default port made explicit) or the list holds {@code "*"}: allowed.</li>
 *   <li>Local loopback: the Origin host, the {@code Host} header's host and the socket peer are all loopback
 *       (an IP literal in 127.0.0.0/8 or ::1, or the name {@code localhost}). Any port: the Control UI of one
 *       local gateway may talk to another local gateway (INTEROP.md "Control UI → another gateway").</li>
 *   <li>Same origin on a private host: Origin host and port equal the {@code Host} header's, and that host is a
 *       private/link-local/CGNAT IP literal or ends in {@code .local} or {@code .ts.net}.</li>
 *   <li>Everything else is refused. A DNS-rebinding page ({@code Host: evil.example:18789} with a matching
 *       Origin, reaching 127.0.0.1) fails every rule above.</li>
 * </ol>
 *
 * <pre>{@code
 * OriginPolicy.Decision d = policy.evaluate(c.header("Origin"), c.header("Host"), c.remoteIp());
 * if (!d.allowed()) {
 *     throw d.error(); // INVALID_REQUEST + CONTROL_UI_ORIGIN_NOT_ALLOWED; then close with CLOSE_CODE
 * }
 * }</pre>
 */
public final class OriginPolicy {
    /** The close code after a refused origin. */
    public static final int CLOSE_CODE = 1008;
    /** The protocol's exact refusal message (also the close reason). */
    public static final String MESSAGE = "origin not allowed (open the Control UI from the gateway host or allow it in"
            + " gateway.controlUi.allowedOrigins)";

    private static final String HOST_PART = "(\\[[0-9a-f:.]+\\]|[a-z0-9._-]+)(?::([0-9]{1,5}))?";
    private static final Pattern ORIGIN = Pattern.compile("(?i)(https?)://" + HOST_PART);
    private static final Pattern HOST = Pattern.compile("(?i)" + HOST_PART);
    /** A policy with no allowed origins: only non-browser, local-loopback and same-origin private hosts. */
    public static final OriginPolicy DEFAULT = new OriginPolicy(Set.of(), false);

    private final Set<String> allowed;
    private final boolean allowAll;

    /** Why a browser origin was refused ({@code details.reason}). */
    public enum Reason {
        NULL_ORIGIN("origin-null"),
        INVALID_ORIGIN("origin-invalid"),
        NOT_ALLOWED("origin-not-allowed");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wireName() {
            return wire;
        }
    }

    /**
     * The outcome for one upgrade.
     *
     * @param allowed whether the connection may proceed to authentication
     * @param origin the normalized origin ({@code scheme://host:port}), or null without a valid Origin header
     * @param browser whether an Origin header was present (the client is a browser)
     * @param reason why it was refused, or null when allowed
     */
    public record Decision(boolean allowed, String origin, boolean browser, Reason reason) {
        /** The protocol error for a refusal: {@code INVALID_REQUEST}, {@code CONTROL_UI_ORIGIN_NOT_ALLOWED}. */
        public GatewayException error() {
            return new GatewayException(
                    ErrorCode.INVALID_REQUEST,
                    MESSAGE,
                    Map.of("code", "CONTROL_UI_ORIGIN_NOT_ALLOWED", "reason", reason == null ? "" : reason.wireName()),
                    null,
                    null);
        }
    }

    private OriginPolicy(Set<String> allowed, boolean allowAll) {
        this.allowed = allowed;
        this.allowAll = allowAll;
    }

    /**
     * Builds the policy from {@code gateway.controlUi.allowedOrigins}.
     *
     * @param key the configuration key named in error messages
     * @throws IllegalArgumentException naming {@code key[index]} when an entry is not {@code *} or
     *     {@code http(s)://host[:port]} (no path, query or credentials)
     */
    public static OriginPolicy parse(String key, String[] origins) {
        if (origins == null || origins.length == 0) {
            return DEFAULT;
        }
        Set<String> set = new LinkedHashSet<>();
        boolean all = false;
        for (int i = 0; i < origins.length; i++) {
            String o = origins[i] == null ? "" : origins[i].trim();
            if (o.equals("*")) {
                all = true;
                continue;
            }
            String n = normalize(o);
            if (n == null) {
                throw new IllegalArgumentException(key + "[" + i + "]: '" + o
                        + "' is not an origin; use scheme://host[:port] such as https://gw.example.com or *");
            }
            set.add(n);
        }
        return new OriginPolicy(Set.copyOf(set), all);
    }

    /**
     * @param origin the {@code Origin} header, or null when absent
     * @param hostHeader the {@code Host} header, or null
     * @param peerIp the socket peer address text
     */
    public Decision evaluate(String origin, String hostHeader, String peerIp) {
        if (origin == null) {
            return new Decision(true, null, false, null);
        }
        String o = origin.trim();
        if (o.equalsIgnoreCase("null")) {
            return new Decision(false, null, true, Reason.NULL_ORIGIN);
        }
        String n = normalize(o);
        if (n == null) {
            return new Decision(false, null, true, Reason.INVALID_ORIGIN);
        }
        if (allowAll || allowed.contains(n)) {
            return new Decision(true, n, true, null);
        }
        HostPort from = HostPort.ofOrigin(n);
        HostPort host = HostPort.ofHostHeader(hostHeader, defaultPort(n.substring(0, n.indexOf(':'))));
        boolean ok = host != null && (localLoopback(from, host, peerIp) || samePrivateOrigin(from, host));
        return new Decision(ok, n, true, ok ? null : Reason.NOT_ALLOWED);
    }

    /** The allowed origins in normalized form (without {@code *}). */
    public Set<String> allowedOrigins() {
        return allowed;
    }

    /** Whether {@code *} was configured. */
    public boolean allowsAll() {
        return allowAll;
    }

    /** {@code scheme://host:port}, lowercase, default port explicit; or null when {@code origin} is not one. */
    public static String normalize(String origin) {
        Matcher m = ORIGIN.matcher(origin == null ? "" : origin.trim());
        if (!m.matches()) {
            return null;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        int port = m.group(3) == null ? defaultPort(scheme) : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535 || (host.startsWith("[") && IpLiteral.parse(host) == null)) {
            return null;
        }
        return scheme + "://" + host + ":" + port;
    }

    private static boolean localLoopback(HostPort origin, HostPort host, String peerIp) {
        return isLoopbackHost(origin.host) && isLoopbackHost(host.host) && IpLiteral.isLoopback(peerIp);
    }

    private static boolean samePrivateOrigin(HostPort origin, HostPort host) {
        if (!origin.host.equals(host.host) || origin.port != host.port) {
            return false;
        }
        InetAddress a = IpLiteral.parse(origin.host);
        if (a != null) {
            return IpLiteral.isPrivateOrLoopback(a);
        }
        return isLoopbackHost(origin.host) || origin.host.endsWith(".local") || origin.host.endsWith(".ts.net");
    }

    private static boolean isLoopbackHost(String host) {
        return host.equals("localhost") || IpLiteral.isLoopback(host);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** A lowercase host (IPv6 in brackets) and port. */
    private record HostPort(String host, int port) {
        static HostPort ofOrigin(String normalized) {
            String rest = normalized.substring(normalized.indexOf("://") + 3);
            int colon = rest.lastIndexOf(':');
            return new HostPort(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)));
        }

        /** The Host header, or null when it is not {@code host[:port]}; a missing port is {@code defaultPort}. */
        static HostPort ofHostHeader(String header, int defaultPort) {
            Matcher m = HOST.matcher(header == null ? "" : header.trim());
            if (!m.matches()) {
                return null;
            }
            String host = m.group(1).toLowerCase(Locale.ROOT);
            int port = m.group(2) == null ? defaultPort : Integer.parseInt(m.group(2));
            return new HostPort(host, port);
        }
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(allowed);
        if (allowAll) {
            all.add("*");
        }
        return all.toString();
    }
}
