package dev.talon.cli;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where and how the CLI connects. Resolution order (first hit wins):
 * <ul>
 *   <li>URL: {@code --url}, {@code $TALON_GATEWAY_URL}, {@code $OPENCLAW_GATEWAY_URL},
 *       else {@code ws://127.0.0.1:<port>} with port from {@code $TALON_GATEWAY_PORT},
 *       {@code gateway.port} in talon.json, else {@value #DEFAULT_PORT}</li>
 *   <li>token: {@code --token}, {@code $TALON_GATEWAY_TOKEN}, {@code $OPENCLAW_GATEWAY_TOKEN},
 *       {@code $CLAWDBOT_GATEWAY_TOKEN}, {@code gateway.auth.token} in talon.json</li>
 *   <li>password: {@code --password}, {@code $TALON_GATEWAY_PASSWORD}, {@code $OPENCLAW_GATEWAY_PASSWORD},
 *       {@code $CLAWDBOT_GATEWAY_PASSWORD}, {@code gateway.auth.password} in talon.json</li>
 * </ul>
 * talon.json credentials are used only when no token and no password came from an option or the environment.
 *
 * @param url the WebSocket URL
 * @param token the shared token, or null
 * @param password the shared password, or null
 */
public record GatewayTarget(URI url, String token, String password) {
    /** The OpenClaw default gateway port. */
    public static final int DEFAULT_PORT = 18789;

    static final List<String> URL_ENV = List.of("TALON_GATEWAY_URL", "OPENCLAW_GATEWAY_URL");
    static final List<String> TOKEN_ENV =
            List.of("TALON_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_TOKEN", "CLAWDBOT_GATEWAY_TOKEN");
    static final List<String> PASSWORD_ENV =
            List.of("TALON_GATEWAY_PASSWORD", "OPENCLAW_GATEWAY_PASSWORD", "CLAWDBOT_GATEWAY_PASSWORD");

    /**
     * Resolves the target from the options, the environment and talon.json.
     *
     * @throws CliException a usage error for a malformed URL or port
     */
    public static GatewayTarget resolve(Args args, CliContext ctx) {
        // talon.json is read only when an earlier source is missing, so a broken file can be bypassed.
        Supplier<TalonConfig> config = memoize(() -> TalonConfig.load(ctx.stateDir(), ctx.json()));
        String url = first(args.value("url"), fromEnv(ctx, URL_ENV))
                .orElseGet(() -> "ws://127.0.0.1:" + port(ctx, config.get()));
        Optional<String> token = first(args.value("token"), fromEnv(ctx, TOKEN_ENV));
        Optional<String> password = first(args.value("password"), fromEnv(ctx, PASSWORD_ENV));
        if (token.isEmpty() && password.isEmpty()) {
            token = config.get().token();
            password = config.get().password();
        }
        return new GatewayTarget(parseUrl(url), token.orElse(null), password.orElse(null));
    }

    /** The local gateway port: {@code $TALON_GATEWAY_PORT}, talon.json {@code gateway.port}, else 18789. */
    public static int port(CliContext ctx, TalonConfig config) {
        String fromEnv = ctx.envValue("TALON_GATEWAY_PORT");
        if (fromEnv == null) {
            return config.port().orElse(DEFAULT_PORT);
        }
        try {
            int port = Integer.parseInt(fromEnv.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.usage("TALON_GATEWAY_PORT is not a valid port: " + fromEnv);
    }

    static URI parseUrl(String raw) {
        try {
            URI uri = URI.create(raw.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("ws".equals(scheme) || "wss".equals(scheme))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw CliException.usage("not a ws:// or wss:// URL: " + raw);
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        Object[] cell = new Object[1];
        return () -> {
            if (cell[0] == null) {
                cell[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T value = (T) cell[0];
            return value;
        };
    }

    private static Optional<String> fromEnv(CliContext ctx, List<String> names) {
        return names.stream().map(ctx::envValue).filter(v -> v != null).findFirst();
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... candidates) {
        return Stream.of(candidates)
                .flatMap(Optional::stream)
                .filter(s -> !s.isBlank())
                .findFirst();
    }

    @Override
    public String toString() {
        // Never print secrets.
        return "GatewayTarget[url=" + url + ", token=" + (token != null ? "***" : "none") + "]";
    }
}
