package dev.talon.gateway.core.internal.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Resolves who a connection really comes from: the effective client address, whether it is a direct local
 * process, and whether the gateway may admit it at all (SECURITY.md S-09, S-10, S-12(d)).
 *
 * <p>Rules:
 * <ul>
 *   <li>Forwarding headers ({@code X-Forwarded-For}, {@code Forwarded}, {@code X-Real-IP}) are read only when
 *       the socket peer is in {@code gateway.trustedProxies}. The client is then the right-most address of the
 *       chain that is not itself a trusted proxy ({@code X-Forwarded-For} first, else {@code Forwarded: for=}).
 *       {@code X-Real-IP} is never used as an address (Talon has no {@code allowRealIpFallback}).</li>
 *   <li>Any forwarding header, trusted or not, makes the connection non-local: {@code directLocal} is true only
 *       for a loopback socket peer without forwarding evidence.</li>
 *   <li>A loopback peer that sends forwarding headers but is not a trusted proxy is a local reverse proxy the
 *       operator forgot to declare: without attribution every client would share one local identity, so the
 *       verdict is {@link Verdict#ATTRIBUTION_REQUIRED} (protocol §1.5: close 1008
 *       {@value #ATTRIBUTION_REQUIRED_REASON}). A trusted proxy whose headers name no usable address gets the
 *       same verdict.</li>
 *   <li>A non-loopback untrusted peer's forwarding headers are ignored: the peer address is the client.</li>
 * </ul>
 * Pure and thread-safe.
 *
 * <pre>{@code
 * ClientAddress.Resolution r = ClientAddress.resolve(c.remoteIp(), c::header, settings.security().trustedProxies());
 * if (r.verdict() == ClientAddress.Verdict.ATTRIBUTION_REQUIRED) {
 *     c.close(1008, ClientAddress.ATTRIBUTION_REQUIRED_REASON);
 * }
 * }</pre>
 */
public final class ClientAddress {
    /** Close reason (code 1008) for {@link Verdict#ATTRIBUTION_REQUIRED} on a WebSocket. */
    public static final String ATTRIBUTION_REQUIRED_REASON = "gateway ingress attribution required";
    /** Request headers that carry forwarding evidence. */
    public static final List<String> FORWARDING_HEADERS = List.of("X-Forwarded-For", "Forwarded", "X-Real-IP");

    /** Whether the connection may proceed. */
    public enum Verdict {
        ACCEPT,
        ATTRIBUTION_REQUIRED
    }

    /**
     * @param clientIp the effective client address (canonical IP text; the raw peer text when it is not an IP)
     * @param peerIp the socket peer address as reported by the server
     * @param directLocal loopback socket peer and no forwarding header: a process on this host talking directly
     * @param forwarded whether any forwarding header was present
     * @param viaTrustedProxy whether {@code clientIp} was taken from a trusted proxy's headers
     * @param verdict whether to admit the connection
     */
    public record Resolution(
            String clientIp,
            String peerIp,
            boolean directLocal,
            boolean forwarded,
            boolean viaTrustedProxy,
            Verdict verdict) {
        /** Whether the effective client address is a loopback IP literal. */
        public boolean clientLoopback() {
            return IpLiteral.isLoopback(clientIp);
        }
    }

    private ClientAddress() {}

    /**
     * @param peerIp the socket peer address text (as from {@code InetAddress.getHostAddress()}), may be empty
     * @param headers request header lookup by name (case-insensitive, first value), returning null when absent
     * @param trustedProxies {@code gateway.trustedProxies}
     */
    public static Resolution resolve(String peerIp, UnaryOperator<String> headers, AddressSet trustedProxies) {
        InetAddress peer = IpLiteral.parse(peerIp);
        String peerText = peer == null ? (peerIp == null ? "" : peerIp) : IpLiteral.format(peer);
        boolean loopback = peer != null && peer.isLoopbackAddress();
        boolean forwarded = FORWARDING_HEADERS.stream().anyMatch(h -> headers.apply(h) != null);
        if (!forwarded) {
            return new Resolution(peerText, peerText, loopback, false, false, Verdict.ACCEPT);
        }
        if (!trustedProxies.contains(peer)) {
            Verdict v = loopback ? Verdict.ATTRIBUTION_REQUIRED : Verdict.ACCEPT;
            return new Resolution(peerText, peerText, false, true, false, v);
        }
        List<String> chain = forwardedChain(headers);
        String client = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            InetAddress hop = IpLiteral.parse(chain.get(i));
            if (hop == null) {
                client = null; // a trusted hop wrote something we cannot attribute; never guess around it
                break;
            }
            client = IpLiteral.format(hop);
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        if (client == null) {
            return new Resolution(peerText, peerText, false, true, false, Verdict.ATTRIBUTION_REQUIRED);
        }
        return new Resolution(client, peerText, false, true, true, Verdict.ACCEPT);
    }

    /** The hop addresses, left (original client) to right (nearest proxy). */
    private static List<String> forwardedChain(UnaryOperator<String> headers) {
        List<String> hops = new ArrayList<>();
        String xff = headers.apply("X-Forwarded-For");
        if (xff != null) {
            for (String part : xff.split(",")) {
                hops.add(stripPort(part.trim()));
            }
            return hops;
        }
        String fwd = headers.apply("Forwarded");
        if (fwd != null) {
            for (String element : fwd.split(",")) {
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0
                            && pair.substring(0, eq)
                                    .trim()
                                    .toLowerCase(Locale.ROOT)
                                    .equals("for")) {
                        hops.add(stripPort(unquote(pair.substring(eq + 1).trim())));
                    }
                }
            }
        }
        return hops;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}; {@code [::1]:80} → {@code ::1}; bare IPv6 stays as is. */
    private static String stripPort(String s) {
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        int colon = s.indexOf(':');
        return colon > 0 && colon == s.lastIndexOf(':') ? s.substring(0, colon) : s;
    }
}
