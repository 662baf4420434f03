package dev.talon.gateway.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Serves HTTP requests under a path prefix on the gateway's port (whiteboard: register it as a service,
 * annotated with {@link GatewayHttpRoute}):
 *
 * <pre>{@code
 * @Component(service = HttpRoute.class)
 * @GatewayHttpRoute(prefix = "/__openclaw__/hello/")
 * public final class HelloRoute implements HttpRoute {
 *     @Override
 *     public void handle(HttpExchange exchange) throws IOException {
 *         exchange.send(200, "text/plain; charset=utf-8", "hello".getBytes(StandardCharsets.UTF_8));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Routing.</b> Core reads {@link #PREFIX} and {@link #AUTH} from the service properties; the route is
 * served from its registration until its unregistration (stopping the bundle answers 404 at once). A request
 * path matches a prefix {@code /a/b/} when it starts with it, or equals it without the trailing slash. The
 * longest matching prefix wins; for the same prefix the highest {@code service.ranking} wins and a tie goes to
 * the lowest {@code service.id} (the others are shadowed, one WARN, and take over when the winner goes).
 * WebSocket upgrades never reach a route. Core paths win over any route and cannot be shadowed: the probes
 * ({@code /health}, {@code /healthz}, {@code /ready}, {@code /readyz}, {@code /startup}, {@code /startupz} and
 * everything below them) and {@code /__talon__/}; a route whose prefix lies inside them is ignored (WARN).
 *
 * <p><b>Auth.</b> With {@link #AUTH_GATEWAY} (the default) core authorizes the request before the route sees
 * it: open while the gateway is bound to loopback only, otherwise it needs {@code Authorization: Bearer
 * <shared token or password>} (401 without, protocol §5.6.3). With {@link #AUTH_NONE} the route authorizes
 * requests itself (e.g. capability URLs).
 *
 * <p><b>Threading.</b> {@code handle} runs on an HTTP server thread and may block on the request and
 * response bodies; it should finish promptly. When it returns, core completes the response (committing a
 * {@code 200} with an empty body if nothing was sent). An {@link IOException} (typically the client went away)
 * aborts the exchange quietly; any other throwable is logged at ERROR and answers {@code 500} if the response
 * was not committed yet.
 */
@ConsumerType
public interface HttpRoute {

    /**
     * Service property (String): the path prefix served, starting and ending with {@code /}, e.g.
     * {@code /__openclaw__/canvas/}. A route without a valid prefix is ignored (WARN).
     */
    String PREFIX = "gateway.http.prefix";

    /** Service property (String): {@value #AUTH_GATEWAY} (default) or {@value #AUTH_NONE}. */
    String AUTH = "gateway.http.auth";

    /** Gateway auth: open on loopback binds, Bearer shared secret beyond loopback. */
    String AUTH_GATEWAY = "gateway";

    /** No gateway auth: the route authorizes each request itself. */
    String AUTH_NONE = "none";

    /** Handles one request. See the class Javadoc for the threading and failure contract. */
    void handle(HttpExchange exchange) throws IOException;
}
