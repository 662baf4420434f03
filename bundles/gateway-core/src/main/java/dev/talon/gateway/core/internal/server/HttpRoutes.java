package dev.talon.gateway.core.internal.server;

import dev.talon.gateway.core.internal.config.ConfigValidator;
import dev.talon.gateway.core.internal.health.HealthMonitor;
import dev.talon.gateway.core.internal.http.RouteDispatcher;
import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.runtime.GatewayContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP side of the port: unauthenticated probes ({@code /healthz}, {@code /readyz}, {@code /startupz}
 * and their short aliases, GET/HEAD only) and the published config schema, then contributed routes
 * (protocol §5.6.5: probes, plugin routes, 404). Core routing is a map lookup. Blocking: contributed routes may
 * stream bodies, so requests run on pool threads.
 */
final class HttpRoutes extends Handler.Abstract {
    /** Where the JSON Schemas (config and protocol messages) are published. */
    static final String SCHEMA_PREFIX = "/__talon__/schema/";
    /** The published schemas: the bundle's {@code schema/} resources, by fixed name (no path from the request). */
    static final java.util.List<String> SCHEMAS = java.util.List.of(
            "talon.schema.json",
            "protocol/connect-params.json",
            "protocol/request-frame.json",
            "protocol/system-event-params.json");

    private final GatewayContext ctx;
    private final RouteDispatcher contributed;
    private final Map<String, BiFunction<Request, Boolean, Reply>> routes = new LinkedHashMap<>();

    /** A response: status and JSON body. */
    record Reply(int status, String body) {}

    HttpRoutes(GatewayContext ctx) {
        this.ctx = ctx;
        this.contributed = new RouteDispatcher(
                ctx.httpRoutes(),
                ctx.settings(),
                ctx.authRateLimiter(),
                RouteDispatcher.BOUND_BEYOND_LOOPBACK,
                ctx.workers().routes());
        BiFunction<Request, Boolean, Reply> live = (rq, local) -> new Reply(200, "{\"ok\":true,\"status\":\"live\"}");
        BiFunction<Request, Boolean, Reply> ready = this::ready;
        BiFunction<Request, Boolean, Reply> started =
                (rq, local) -> new Reply(200, "{\"ok\":true,\"status\":\"started\"}");
        routes.put("/health", live);
        routes.put("/healthz", live);
        routes.put("/ready", ready);
        routes.put("/readyz", ready);
        routes.put("/startup", started);
        routes.put("/startupz", started);
        for (String name : SCHEMAS) {
            String body = readSchema("/schema/" + name);
            routes.put(SCHEMA_PREFIX + name, (rq, local) -> new Reply(200, body));
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        BiFunction<Request, Boolean, Reply> route = routes.get(path);
        if (route == null) {
            if (contributed.handle(request, response, callback)) {
                return true;
            }
            return reply(
                    response,
                    callback,
                    new Reply(404, "{\"error\":{\"message\":\"not found\",\"type\":\"not_found\"}}"),
                    true);
        }
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!HttpMethod.GET.is(method) && !head) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return reply(
                    response,
                    callback,
                    new Reply(405, "{\"error\":{\"message\":\"method not allowed\",\"type\":\"method_not_allowed\"}}"),
                    true);
        }
        boolean local = Request.getRemoteAddr(request).startsWith("127.")
                || "0:0:0:0:0:0:0:1".equals(Request.getRemoteAddr(request));
        return reply(response, callback, route.apply(request, local), !head);
    }

    private Reply ready(Request request, boolean local) {
        List<String> failing = ctx.health().failingReadinessChecks();
        boolean ok = failing.isEmpty();
        if (!local) {
            return new Reply(ok ? 200 : 503, "{\"ready\":" + ok + "}");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ok);
        body.put("failing", failing);
        body.put("uptimeMs", HealthMonitor.uptimeMs());
        return new Reply(ok ? 200 : 503, Json.write(body));
    }

    private static boolean reply(Response response, Callback callback, Reply reply, boolean withBody) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, withBody ? ByteBuffer.wrap(body) : ByteBuffer.allocate(0), callback);
        return true;
    }

    private static String readSchema(String resource) {
        try (InputStream in = ConfigValidator.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
