package dev.talon.gateway.core.internal.http;

import dev.talon.gateway.api.HttpRoute;
import dev.talon.gateway.core.internal.config.AuthMode;
import dev.talon.gateway.core.internal.config.GatewaySettings;
import dev.talon.gateway.core.internal.protocol.Authenticator;
import dev.talon.gateway.core.internal.security.AuthRateLimiter;
import dev.talon.gateway.core.internal.security.ClientAddress;
import dev.talon.gateway.core.internal.security.CredentialClass;
import dev.talon.gateway.core.internal.security.OriginPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves requests from contributed {@link HttpRoute}s: path sanity, gateway auth, then the route, inside an
 * isolation boundary (a failing route answers 500 and never affects the server). Called on a Jetty pool thread;
 * the route itself runs on the given executor, so a client that reads slowly holds a route thread, not a Jetty
 * thread (when all route threads and their queue are taken, new route requests get 503 with {@code Retry-After}).
 *
 * <p>Wrong {@code Bearer} secrets count against the same {@link AuthRateLimiter} (and policy) as wrong WebSocket
 * credentials, per client address and the shared-secret class: once locked, every Bearer attempt from that
 * address, right or wrong, gets 429 with {@code Retry-After} until the lockout ends (SECURITY.md S-12). A request
 * without credentials is refused (401) but never counted.
 */
public final class RouteDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RouteDispatcher.class);

    /** The default test of whether the gateway is reachable beyond loopback: its listen host is not loopback. */
    public static final Predicate<GatewaySettings> BOUND_BEYOND_LOOPBACK = s -> !GatewaySettings.isLoopback(s.host());

    private final HttpRouteRegistry registry;
    private final Supplier<GatewaySettings> settings;
    private final AuthRateLimiter limiter;
    private final Predicate<GatewaySettings> exposed;
    private final Executor executor;

    /**
     * @param limiter the gateway's auth failure limiter, shared with the WebSocket handshake
     * @param exposed whether the settings bind the gateway beyond loopback (then {@link HttpRoute#AUTH_GATEWAY}
     *     routes need a Bearer secret); {@link #BOUND_BEYOND_LOOPBACK} in production
     * @param executor runs the routes (they may block on a slow client): never Jetty's own pool in production
     */
    public RouteDispatcher(
            HttpRouteRegistry registry,
            Supplier<GatewaySettings> settings,
            AuthRateLimiter limiter,
            Predicate<GatewaySettings> exposed,
            Executor executor) {
        this.registry = registry;
        this.settings = settings;
        this.limiter = limiter;
        this.exposed = exposed;
        this.executor = executor;
    }

    /**
     * The outcome of gateway auth for one request.
     *
     * @param status 200 (go ahead), 401 or 429
     * @param retryAfterMs for 429, how long the lockout lasts
     */
    record AuthDecision(int status, long retryAfterMs) {
        static final AuthDecision OK = new AuthDecision(200, 0);
        static final AuthDecision UNAUTHORIZED = new AuthDecision(401, 0);

        /** {@code Retry-After} in whole seconds, rounded up. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfterMs + 999) / 1000);
        }
    }

    /** Serves the request when a route claims its path; returns false (nothing written) otherwise. */
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null || HttpRouteRegistry.reserved(path)) {
            return false;
        }
        RouteEntry entry = registry.lookup(path);
        if (entry == null) {
            return false;
        }
        if (ambiguous(path)) {
            return error(response, callback, 400, "bad path", "invalid_request");
        }
        if (entry.gatewayAuth()) {
            AuthDecision auth = authorize(
                    Request.getRemoteAddr(request), name -> request.getHeaders().get(name));
            if (auth.status() == 429) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, auth.retryAfterSeconds());
                return error(response, callback, 429, AuthRateLimiter.MESSAGE, "rate_limited");
            }
            if (auth.status() != 200) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                return error(response, callback, 401, "unauthorized", "unauthorized");
            }
        }
        HttpRoute route = entry.route();
        if (route == null) {
            return false; // unregistered meanwhile
        }
        RouteExchange exchange = new RouteExchange(request, response, entry.prefix(), path);
        try {
            executor.execute(() -> serve(route, entry, exchange, request, response, callback));
        } catch (RejectedExecutionException busy) {
            LOG.debug("HTTP route {} refused: all route threads busy", entry.prefix());
            response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
            return error(response, callback, 503, "busy", "unavailable");
        }
        return true;
    }

    /**
     * Gateway auth for a request from {@code remoteIp}: open on loopback binds and with auth mode {@code none}, a
     * Bearer shared secret otherwise (protocol §5.6.3), throttled like WebSocket auth (§5.6.4: 429 when locked).
     * An exempt direct-loopback client over the limit is told to retry after its delay instead of being locked.
     */
    AuthDecision authorize(String remoteIp, UnaryOperator<String> headers) {
        GatewaySettings s = settings.get();
        if (!exposed.test(s) || s.authMode() == AuthMode.NONE) {
            return AuthDecision.OK;
        }
        String header = headers.apply(HttpHeader.AUTHORIZATION.asString());
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return AuthDecision.UNAUTHORIZED; // nothing presented: never counted (S-12(e))
        }
        ClientAddress.Resolution who =
                ClientAddress.resolve(remoteIp, headers, s.security().trustedProxies());
        AuthRateLimiter.Subject subject =
                limiter.subject(who.clientIp(), who.directLocal(), OriginPolicy.normalize(headers.apply("Origin")));
        AuthRateLimiter.Decision gate = limiter.check(subject, CredentialClass.SHARED_SECRET);
        if (!gate.allowed() || gate.delayMs() > 0) {
            return new AuthDecision(429, gate.locked() ? gate.retryAfterMs() : gate.delayMs());
        }
        if (s.secret() != null
                && Authenticator.matches(s.secret(), header.substring(7).trim())) {
            limiter.recordSuccess(subject, CredentialClass.SHARED_SECRET);
            return AuthDecision.OK;
        }
        limiter.recordFailure(subject, CredentialClass.SHARED_SECRET);
        return AuthDecision.UNAUTHORIZED;
    }

    private static void serve(
            HttpRoute route,
            RouteEntry entry,
            RouteExchange exchange,
            Request request,
            Response response,
            Callback callback) {
        try {
            route.handle(exchange);
            exchange.finish(callback);
        } catch (IOException clientGone) {
            LOG.debug("HTTP route {} aborted: {}", entry.prefix(), clientGone.toString());
            callback.failed(clientGone);
        } catch (RuntimeException | Error e) {
            LOG.error(
                    "HTTP route {} from {} failed",
                    entry.prefix(),
                    entry.origin().bundleSymbolicName(),
                    e);
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                response.reset();
                error(response, callback, 500, "internal error", "internal");
            }
        }
    }

    /**
     * Whether the raw path could mean something else once decoded: encoded separators or NUL, double encoding,
     * backslashes, or dot segments (plain or encoded). Routes never see such paths.
     */
    static boolean ambiguous(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || lower.contains("%25")) {
            return true;
        }
        if (rawPath.indexOf('\\') >= 0) {
            return true;
        }
        for (String segment : lower.split("/", -1)) {
            String s = segment.replace("%2e", ".");
            if (s.equals(".") || s.equals("..")) {
                return true;
            }
        }
        return false;
    }

    static boolean error(Response response, Callback callback, int status, String message, String type) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
