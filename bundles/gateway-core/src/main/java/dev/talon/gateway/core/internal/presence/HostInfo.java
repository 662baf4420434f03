package dev.talon.gateway.core.internal.presence;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The gateway host's own presence entry. Reads local interface data only; sends nothing. */
final class HostInfo {
    /** Fixed per process, as the protocol requires. */
    static final String INSTANCE_ID = UUID.randomUUID().toString();

    private HostInfo() {}

    static Map<String, Object> selfEntry() {
        String host = hostName();
        String ip = primaryIpv4();
        String version = GatewayVersion.get();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("host", host);
        if (ip != null) {
            e.put("ip", ip);
        }
        e.put("version", version);
        e.put("platform", "linux " + System.getProperty("os.version", ""));
        e.put("deviceFamily", "Linux");
        e.put("mode", "gateway");
        e.put("reason", "self");
        e.put("instanceId", INSTANCE_ID);
        e.put(
                "text",
                "Gateway: " + host + (ip == null ? "" : " (" + ip + ")") + " · app " + version
                        + " · mode gateway · reason self");
        return Map.copyOf(e);
    }

    /** The kernel's host name; no resolver lookup (which can stall start-up on a misconfigured host). */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            java.nio.file.Path kernel = java.nio.file.Path.of("/proc/sys/kernel/hostname");
            if (java.nio.file.Files.isReadable(kernel)) {
                return java.nio.file.Files.readString(kernel).trim();
            }
        } catch (java.io.IOException e) {
            // fall back to the resolver below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    private static String primaryIpv4() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }
}
