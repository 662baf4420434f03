package dev.talon.gateway.core.internal.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of IP addresses given as exact literals or CIDR blocks, IPv4 and IPv6
 * ({@code gateway.trustedProxies}). Host names are refused: trust is never decided by DNS (SECURITY.md S-22).
 *
 * <pre>{@code
 * AddressSet proxies = AddressSet.parse("gateway.trustedProxies", new String[] {"10.0.0.0/8", "::1"});
 * proxies.contains(IpLiteral.parse("10.1.2.3")); // true
 * }</pre>
 */
public final class AddressSet {
    /** The empty set: nobody is trusted. */
    public static final AddressSet NONE = new AddressSet(List.of(), List.of());

    private final List<Block> blocks;
    private final List<String> entries;

    /** One CIDR block; an exact address is a block of full prefix length. */
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = rest == 0 ? 0 : (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (a[full] & mask) == (network[full] & mask);
        }
    }

    private AddressSet(List<Block> blocks, List<String> entries) {
        this.blocks = blocks;
        this.entries = entries;
    }

    /**
     * Parses {@code values}, each an IP literal or {@code literal/prefix}.
     *
     * @param key the configuration key named in error messages, e.g. {@code gateway.trustedProxies}
     * @throws IllegalArgumentException naming {@code key[index]} and the bad value
     */
    public static AddressSet parse(String key, String[] values) {
        if (values == null || values.length == 0) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String v = values[i] == null ? "" : values[i].trim();
            Block b = block(v);
            if (b == null) {
                throw new IllegalArgumentException(key + "[" + i + "]: '" + v
                        + "' is not an IP address or CIDR block (e.g. 10.0.0.1, 10.0.0.0/8, ::1, fd00::/8)");
            }
            blocks.add(b);
            entries.add(v);
        }
        return new AddressSet(List.copyOf(blocks), List.copyOf(entries));
    }

    private static Block block(String v) {
        int slash = v.indexOf('/');
        InetAddress a = IpLiteral.parse(slash < 0 ? v : v.substring(0, slash));
        if (a == null) {
            return null;
        }
        int max = a.getAddress().length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = v.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                return null;
            }
        }
        return new Block(a.getAddress(), prefix);
    }

    /** Whether {@code address} (null for an unknown peer: false) lies in one of the blocks. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = address.getAddress();
        for (Block b : blocks) {
            if (b.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code ip} is an IP literal inside the set. */
    public boolean contains(String ip) {
        return contains(IpLiteral.parse(ip));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The entries as configured (trimmed). */
    public List<String> entries() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressSet other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.toString(entries.toArray());
    }
}
