package dev.talon.gateway.core.internal.http;

import dev.talon.gateway.api.HttpRoute;
import dev.talon.gateway.core.internal.config.AuthMode;
import dev.talon.gateway.core.internal.config.GatewaySettings;
import dev.talon.gateway.core.internal.protocol.Authenticator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves requests from contributed {@link HttpRoute}s: path sanity, gateway auth, then the route, inside an
 * isolation boundary (a failing route answers 500 and never affects the server). Called on a Jetty pool thread.
 */
public final class RouteDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RouteDispatcher.class);

    private final HttpRouteRegistry registry;
    private final Supplier<GatewaySettings> settings;

    public RouteDispatcher(HttpRouteRegistry registry, Supplier<GatewaySettings> settings) {
        this.registry = registry;
        this.settings = settings;
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
        if (entry.gatewayAuth() && !authorized(request)) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            return error(response, callback, 401, "unauthorized", "unauthorized");
        }
        HttpRoute route = entry.route();
        if (route == null) {
            return false; // unregistered meanwhile
        }
        serve(route, entry, new RouteExchange(request, response, entry.prefix(), path), request, response, callback);
        return true;
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
     * Whether core auth lets the request through: open on loopback binds and with auth mode {@code none}, a
     * Bearer shared secret otherwise (protocol §5.6.3).
     */
    boolean authorized(Request request) {
        GatewaySettings s = settings.get();
        if (GatewaySettings.isLoopback(s.host()) || s.authMode() == AuthMode.NONE) {
            return true;
        }
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || s.secret() == null) {
            return false;
        }
        return Authenticator.matches(s.secret(), header.substring(7).trim());
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
