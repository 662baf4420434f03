package dev.talon.node.canvas.internal;

import dev.talon.gateway.api.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory {@link HttpExchange} for unit tests. */
final class FakeExchange implements HttpExchange {
    private final String method;
    private final String prefix;
    private final String routePath;
    final Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = 200;

    FakeExchange(String method, String prefix, String routePath) {
        this.method = method;
        this.prefix = prefix;
        this.routePath = routePath;
    }

    static FakeExchange get(String routePath) {
        return new FakeExchange("GET", "/__openclaw__/canvas/", routePath);
    }

    String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return prefix + routePath;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public String routePath() {
        return routePath;
    }

    @Override
    public String query() {
        return "";
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }

    @Override
    public List<String> headers(String name) {
        return List.of();
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public void status(int status) {
        this.status = status;
    }

    @Override
    public void responseHeader(String name, String value) {
        responseHeaders.put(name, value);
    }

    @Override
    public void contentType(String contentType) {
        responseHeaders.put("Content-Type", contentType);
    }

    @Override
    public void contentLength(long length) {
        responseHeaders.put("Content-Length", Long.toString(length));
    }

    @Override
    public OutputStream body() {
        return out;
    }

    @Override
    public boolean committed() {
        return out.size() > 0;
    }
}
