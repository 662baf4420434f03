package dev.talon.gateway.core.internal.config;

import dev.talon.gateway.core.internal.security.SecuritySettings;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * Merges the configuration sources into the gateway's Configuration Admin properties.
 * Precedence: CLI flags (system properties {@code talon.cli.*}) &gt; environment &gt; {@code talon.json} &gt;
 * defaults. Pure and thread-safe.
 */
public final class ConfigSources {
    /** System property set by {@code talon gateway run --port}. */
    public static final String FLAG_PORT = "talon.cli.port";
    /** System property set by {@code talon gateway run --bind}. */
    public static final String FLAG_BIND = "talon.cli.bind";
    /** System property set by {@code talon gateway run --token}. */
    public static final String FLAG_TOKEN = "talon.cli.token";

    private static final List<String> TOKEN_ENV =
            List.of("TALON_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_TOKEN", "CLAWDBOT_GATEWAY_TOKEN");
    private static final List<String> PASSWORD_ENV = List.of("TALON_GATEWAY_PASSWORD", "OPENCLAW_GATEWAY_PASSWORD");
    private static final List<String> PORT_ENV = List.of("TALON_GATEWAY_PORT", "OPENCLAW_GATEWAY_PORT");
    private static final List<String> BIND_ENV = List.of("TALON_GATEWAY_BIND");
    private static final List<String> PREAUTH_ENV =
            List.of("TALON_MAX_PREAUTH_CONNECTIONS_PER_IP", "OPENCLAW_MAX_PREAUTH_CONNECTIONS_PER_IP");

    private final Map<String, String> env;
    private final UnaryOperator<String> flags;

    public ConfigSources(Map<String, String> env, UnaryOperator<String> flags) {
        this.env = env;
        this.flags = flags;
    }

    /**
     * The merged result.
     *
     * @param properties the gateway PID's properties
     * @param warnings non-fatal warnings
     * @param sections the properties of the other PIDs fed from {@code talon.json} ({@link ConfigSections}), null
     *     for a PID the file does not configure
     */
    public record Merged(
            Hashtable<String, Object> properties,
            List<String> warnings,
            Map<String, Hashtable<String, Object>> sections) {}

    /**
     * Merges {@code file} (the parsed, schema-valid {@code talon.json}, or null when absent) with env and flags.
     *
     * @throws IllegalArgumentException naming the key (or variable) and the reason on a bad value
     */
    public Merged merge(JsonNode file) {
        JsonNode gw = file == null ? null : file.path("gateway");
        List<String> warnings = new ArrayList<>();
        BindAddress bind = BindAddress.parse(
                firstNonNull(flag(FLAG_BIND, "--bind"), envValue(BIND_ENV, warnings), text(gw, "bind"), "loopback"));
        Integer port = firstNonNull(
                intValue(flag(FLAG_PORT, "--port"), "--port"),
                envPort(warnings),
                gw != null && gw.path("port").isInt() ? gw.path("port").intValue() : null,
                bind.port(),
                GatewayConfig.DEFAULT_PORT);
        String token =
                firstNonNull(flag(FLAG_TOKEN, "--token"), envValue(TOKEN_ENV, warnings), text(gw, "auth", "token"));
        String password = firstNonNull(envValue(PASSWORD_ENV, warnings), text(gw, "auth", "password"));
        String mode = text(gw, "auth", "mode");
        if (mode == null && token != null && password != null) {
            throw new IllegalArgumentException(
                    "gateway.auth.mode: both a token and a password are configured; set the mode explicitly");
        }
        mode = mode != null ? mode : token == null && password != null ? "password" : "token";
        if ("none".equals(mode) && !GatewaySettings.isLoopback(bind.host())) {
            throw new IllegalArgumentException("gateway.auth.mode: 'none' is refused on the non-loopback bind '"
                    + bind.host() + "'; use token or password");
        }
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("host", bind.host());
        p.put("port", port);
        p.put("auth.mode", mode);
        p.put("auth.token", token == null ? "" : token);
        p.put("auth.password", password == null ? "" : password);
        putLong(p, gw, "heartbeat", GatewayConfig.DEFAULT_TICK_MS);
        putLong(p, gw, "maxConnections", GatewayConfig.DEFAULT_MAX_CONNECTIONS);
        putLong(p, gw, "handlerTimeoutMs", GatewayConfig.DEFAULT_HANDLER_TIMEOUT_MS);
        putSecurity(p, gw);
        JsonNode autoApprove =
                gw == null ? null : gw.path("nodes").path("pairing").get("autoApproveLocal");
        p.put(
                "nodes.pairing.autoApproveLocal",
                autoApprove == null || !autoApprove.isBoolean() || autoApprove.booleanValue());
        // read by the node bundle (node command policy, protocol §3.7)
        JsonNode commands = gw == null ? null : gw.path("nodes").path("commands");
        p.put("nodes.commands.allow", strings(commands == null ? null : commands.get("allow")));
        p.put("nodes.commands.deny", strings(commands == null ? null : commands.get("deny")));
        if ("token".equals(mode) && token == null) {
            warnings.add("gateway.auth.mode is token but no token is configured: every connect will be refused"
                    + " (set gateway.auth.token or TALON_GATEWAY_TOKEN)");
        }
        return new Merged(p, warnings, ConfigSections.extract(file));
    }

    /**
     * {@code gateway.auth.rateLimit.*}, {@code gateway.controlUi.allowedOrigins}, {@code gateway.trustedProxies}
     * and {@code gateway.maxPreauthPerIp} (env beats the file), validated here so a bad edit is rejected by
     * the loader with the key named, before it reaches Configuration Admin.
     */
    private void putSecurity(Hashtable<String, Object> p, JsonNode gw) {
        JsonNode rl = gw == null ? null : gw.path("auth").path("rateLimit");
        int maxAttempts = (int) number(rl, "maxAttempts", GatewayConfig.DEFAULT_RATE_LIMIT_MAX_ATTEMPTS);
        long windowMs = number(rl, "windowMs", GatewayConfig.DEFAULT_RATE_LIMIT_WINDOW_MS);
        long lockoutMs = number(rl, "lockoutMs", GatewayConfig.DEFAULT_RATE_LIMIT_LOCKOUT_MS);
        boolean exemptLoopback = rl == null
                || !rl.path("exemptLoopback").isBoolean()
                || rl.path("exemptLoopback").booleanValue();
        String[] origins = strings(gw == null ? null : gw.path("controlUi").get("allowedOrigins"));
        String[] proxies = strings(gw == null ? null : gw.get("trustedProxies"));
        Integer envPreauth = envPositiveInt(PREAUTH_ENV);
        int maxPreauth = envPreauth != null
                ? envPreauth
                : (int) number(gw, "maxPreauthPerIp", GatewayConfig.DEFAULT_MAX_PREAUTH_PER_IP);
        SecuritySettings.of(maxAttempts, windowMs, lockoutMs, exemptLoopback, origins, proxies, maxPreauth);
        p.put("auth.rateLimit.maxAttempts", Integer.valueOf(maxAttempts));
        p.put("auth.rateLimit.windowMs", Long.valueOf(windowMs));
        p.put("auth.rateLimit.lockoutMs", Long.valueOf(lockoutMs));
        p.put("auth.rateLimit.exemptLoopback", Boolean.valueOf(exemptLoopback));
        p.put("controlUi.allowedOrigins", origins);
        p.put("trustedProxies", proxies);
        p.put("maxPreauthPerIp", Integer.valueOf(maxPreauth));
    }

    /** The first set variable of {@code names} as a positive int, or null when none is set. */
    private Integer envPositiveInt(List<String> names) {
        for (String name : names) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                continue;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below, naming the variable
            }
            throw new IllegalArgumentException(name + ": must be a positive integer, not '" + v.trim() + "'");
        }
        return null;
    }

    private static long number(JsonNode parent, String key, long dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        return n != null && n.isIntegralNumber() ? n.longValue() : dflt;
    }

    private static String[] strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return new String[0];
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isString() ? n.stringValue() : n.toString()));
        return out.toArray(new String[0]);
    }

    private String flag(String property, String name) {
        String v = flags.apply(property);
        if (v != null && v.isBlank()) {
            throw new IllegalArgumentException(name + ": must not be empty");
        }
        return v;
    }

    private String envValue(List<String> names, List<String> warnings) {
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                if (name.startsWith("CLAWDBOT_")) {
                    warnings.add(name + " is a legacy variable; use TALON_GATEWAY_TOKEN instead");
                }
                return v.trim();
            }
        }
        return null;
    }

    private Integer envPort(List<String> warnings) {
        for (String name : PORT_ENV) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return intValue(v.trim(), name);
            }
        }
        return null;
    }

    private static Integer intValue(String v, String name) {
        if (v == null) {
            return null;
        }
        try {
            int port = Integer.parseInt(v.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a port number between 1 and 65535, not '" + v + "'");
        }
    }

    private static void putLong(Hashtable<String, Object> p, JsonNode gw, String key, long dflt) {
        JsonNode n = gw == null ? null : gw.get(key);
        long v = n != null && n.isIntegralNumber() ? n.longValue() : dflt;
        if (key.equals("maxConnections")) {
            p.put(key, Integer.valueOf((int) v)); // an int attribute; a ternary would promote it to Long
        } else {
            p.put(key, Long.valueOf(v));
        }
    }

    private static String text(JsonNode gw, String... path) {
        JsonNode n = gw;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        return n != null && n.isString() && !n.stringValue().isBlank() ? n.stringValue() : null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
