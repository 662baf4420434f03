package dev.talon.bench;

import dev.talon.bench.Frames.Frame;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * One operator connection making blocking calls (set-up and tear-down, not load) and remembering the
 * {@code node.pair.requested} events it sees: node id → request id.
 */
final class AdminClient implements GatewayClient.FrameHandler, AutoCloseable {
    private final Map<String, CompletableFuture<Frame>> calls = new ConcurrentHashMap<>();
    private final Map<String, String> pairRequests = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final GatewayClient client;

    private AdminClient(ConnectSpec spec) {
        client = GatewayClient.open(spec, this);
    }

    /** Connects and waits for hello-ok. */
    static AdminClient open(ConnectSpec spec) throws InterruptedException {
        AdminClient a = new AdminClient(spec);
        try {
            a.client.hello().get(Connections.HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return a;
        } catch (ExecutionException e) {
            throw new BenchException("admin connection: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            a.close();
            throw new BenchException("admin connection: no hello-ok in " + Connections.HANDSHAKE_TIMEOUT_MS + " ms");
        }
    }

    /** Calls {@code method} and returns the response's {@code payload}; fails on an error response. */
    JsonNode call(String method, String paramsJson, long timeoutMs) throws InterruptedException {
        String id = "a" + ids.incrementAndGet();
        CompletableFuture<Frame> res = new CompletableFuture<>();
        calls.put(id, res);
        try {
            client.send(Frames.request(id, method, paramsJson));
            Frame f = res.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (!f.ok()) {
                throw new BenchException(method + " failed: " + Frames.error(f));
            }
            return Frames.tree(f.raw()).path("payload");
        } catch (ExecutionException e) {
            throw new BenchException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchException(method + ": no response in " + timeoutMs + " ms");
        } finally {
            calls.remove(id);
        }
    }

    /** The request id of a {@code node.pair.requested} event seen for {@code nodeId}, or null. */
    String pairRequestSeen(String nodeId) {
        return pairRequests.get(nodeId);
    }

    @Override
    public void onFrame(GatewayClient c, Frame f) {
        if (f.isRes()) {
            CompletableFuture<Frame> res = f.id() == null ? null : calls.get(f.id());
            if (res != null) {
                res.complete(f);
            }
        } else if (f.isEvent("node.pair.requested")) {
            JsonNode p = Frames.tree(f.raw()).path("payload");
            String nodeId = p.path("nodeId").asString("");
            String requestId = p.path("requestId").asString("");
            if (!nodeId.isEmpty() && !requestId.isEmpty()) {
                pairRequests.put(nodeId, requestId);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        calls.values().forEach(r -> r.completeExceptionally(new BenchException("admin connection closed")));
    }
}
