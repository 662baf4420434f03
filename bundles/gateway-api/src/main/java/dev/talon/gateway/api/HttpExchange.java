package dev.talon.gateway.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One HTTP request to an {@link HttpRoute} and its response. Valid only while {@link HttpRoute#handle} runs;
 * not thread-safe (use it from the handling thread).
 *
 * <p>Paths are given as they arrived on the wire: percent-encoded, without the query. Core refuses
 * ambiguous paths before any route sees them (encoded {@code /}, {@code \}, {@code ..} segments answer 400),
 * but a route serving files must still decode and contain paths itself.
 *
 * <p>For a {@code HEAD} request core discards whatever is written to {@link #body()}, so a route may treat
 * {@code HEAD} like {@code GET} (set {@link #contentLength(long)} to have it reported).
 */
@ProviderType
public interface HttpExchange {

    /** The request method in upper case, e.g. {@code GET}. */
    String method();

    /** The full request path, percent-encoded, e.g. {@code /__openclaw__/canvas/a%20b.html}. */
    String path();

    /** The route's prefix this request matched, e.g. {@code /__openclaw__/canvas/}. */
    String prefix();

    /**
     * The request path after the route prefix, percent-encoded, without a leading {@code /}: {@code a%20b.html}
     * for the example above; empty for the prefix itself.
     */
    String routePath();

    /** The raw query string without {@code ?}, or empty when there is none. */
    String query();

    /** The first value of the query parameter {@code name}, decoded. */
    Optional<String> queryParameter(String name);

    /** The first value of the request header {@code name} (case-insensitive). */
    Optional<String> header(String name);

    /** All values of the request header {@code name} (case-insensitive); empty when absent. */
    List<String> headers(String name);

    /** The peer's IP address as observed by the server. */
    String remoteAddress();

    /** Sets the response status (default 200). Ignored once the response is committed. */
    void status(int status);

    /** Sets (replaces) a response header. Ignored once the response is committed. */
    void responseHeader(String name, String value);

    /** Sets the response {@code Content-Type}, e.g. {@code text/html; charset=utf-8}. */
    void contentType(String contentType);

    /** Sets the response {@code Content-Length}; without it the body is sent chunked. */
    void contentLength(long length);

    /**
     * The response body stream; the first write commits status and headers. Closing it completes the body; core
     * closes it when {@code handle} returns. Writes block until the client accepts the bytes.
     */
    OutputStream body() throws IOException;

    /** Whether the status and headers were already sent. */
    boolean committed();

    /** Convenience: sets status, content type and length and writes the whole body. */
    default void send(int status, String contentType, byte[] content) throws IOException {
        status(status);
        contentType(contentType);
        contentLength(content.length);
        try (OutputStream out = body()) {
            out.write(content);
        }
    }
}
