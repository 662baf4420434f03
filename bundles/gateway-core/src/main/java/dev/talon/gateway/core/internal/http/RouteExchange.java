package dev.talon.gateway.core.internal.http;

import dev.talon.gateway.api.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The core's {@link HttpExchange} over one Jetty core request/response. Used by one thread. */
final class RouteExchange implements HttpExchange {
    private final Request request;
    private final Response response;
    private final String prefix;
    private final String path;
    private final boolean head;
    private OutputStream body;

    RouteExchange(Request request, Response response, String prefix, String path) {
        this.request = request;
        this.response = response;
        this.prefix = prefix;
        this.path = path;
        this.head = HttpMethod.HEAD.is(request.getMethod());
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public String routePath() {
        return path.length() > prefix.length() ? path.substring(prefix.length()) : "";
    }

    @Override
    public String query() {
        String q = request.getHttpURI().getQuery();
        return q == null ? "" : q;
    }

    @Override
    public Optional<String> queryParameter(String name) {
        try {
            return Optional.ofNullable(Request.extractQueryParameters(request).getValue(name));
        } catch (IllegalArgumentException badEncoding) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(request.getHeaders().getValuesList(name));
    }

    @Override
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public void status(int status) {
        if (!response.isCommitted()) {
            response.setStatus(status);
        }
    }

    @Override
    public void responseHeader(String name, String value) {
        if (!response.isCommitted()) {
            response.getHeaders().put(name, value);
        }
    }

    @Override
    public void contentType(String contentType) {
        responseHeader(HttpHeader.CONTENT_TYPE.asString(), contentType);
    }

    @Override
    public void contentLength(long length) {
        if (!response.isCommitted()) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        }
    }

    @Override
    public OutputStream body() {
        if (body == null) {
            body = head ? OutputStream.nullOutputStream() : Content.Sink.asOutputStream(response);
        }
        return body;
    }

    @Override
    public boolean committed() {
        return response.isCommitted();
    }

    /** Completes the exchange after the route returned: closes the body (last write), then the callback. */
    void finish(Callback callback) throws IOException {
        if (body != null) {
            body.close();
        }
        callback.succeeded();
    }
}
