package dev.talon.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * {@code node.invoke} round trips: N scripted nodes that answer at once, approved by an admin operator,
 * and C {@code operator.write} connections × K invokes in flight each, round-robin over the nodes.
 */
final class InvokeBench implements Command {
    /** C × K cells of {@code --matrix}: latency at 1, 32 outstanding three ways, then 256. */
    static final int[][] MATRIX = {{1, 1}, {1, 32}, {4, 8}, {32, 1}, {8, 32}};

    static final String COMMAND = "system.which";
    static final String INVOKE_PARAMS = "{\"bins\":[\"uname\"]}";
    static final int INVOKE_TIMEOUT_MS = 10_000;

    private static final long PAIRING_TIMEOUT_MS = 15_000;
    private static final long POLL_AFTER_MS = 1_000;
    private static final long POLL_EVERY_MS = 250;
    private static final long CALL_TIMEOUT_MS = 10_000;

    private static final String HEADER = "| nodes | C×K | invokes/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n"
            + "|---:|---|---:|---:|---:|---:|---:|---:|";

    @Override
    public Metrics run(Options opts, PrintStream out) throws InterruptedException {
        long warmup = opts.seconds("warmup", 2);
        long duration = opts.seconds("duration", 10);
        int nodeCount = opts.integer("nodes", 1);
        if (nodeCount < 1) {
            throw new BenchException("--nodes must be at least 1");
        }
        List<int[]> cells = new ArrayList<>();
        if (opts.flag("matrix")) {
            cells.addAll(List.of(MATRIX));
        } else {
            cells.add(new int[] {opts.integer("connections", 4), opts.integer("outstanding", 8)});
        }
        ErrorLog nodeErrors = new ErrorLog();
        List<Metrics> results = new ArrayList<>();
        try (Target target = Target.from(opts, Transport.LOAD_DEFAULT);
                AdminClient admin = AdminClient.open(target.spec(ConnectSpec.ADMIN))) {
            List<ScriptedNode> nodes = openNodes(target, nodeCount, nodeErrors);
            try {
                for (ScriptedNode n : nodes) {
                    approve(admin, n);
                }
                List<String> ids = nodes.stream().map(ScriptedNode::nodeId).toList();
                for (int[] cell : cells) {
                    long before = nodeErrors.count();
                    RpcLoad load =
                            new RpcLoad(target.spec(ConnectSpec.WRITE), "node.invoke", cell[0], cell[1], params(ids));
                    Metrics m = load.run(warmup, duration);
                    m.put("nodes", nodeCount)
                            .put("invokes_per_s", m.get("req_per_s"))
                            .put("node_errors", nodeErrors.count() - before)
                            .put("errors", m.get("errors") + nodeErrors.count() - before);
                    out.println(m);
                    results.add(m);
                }
            } finally {
                nodes.forEach(n -> n.client().close());
            }
        }
        out.println();
        out.println(HEADER);
        results.forEach(m -> out.println(row(m)));
        return results.get(results.size() - 1);
    }

    static String row(Metrics m) {
        String cell = Metrics.fmt(m.get("connections")) + "×" + Metrics.fmt(m.get("outstanding"));
        return "| " + Metrics.fmt(m.get("nodes")) + " "
                + Report.row(cell, m, "invokes_per_s", "p50_ms", "p90_ms", "p99_ms", "max_ms", "errors");
    }

    /**
     * Params for request {@code seq} of connection {@code c}: nodes round-robin (offset per connection),
     * an idempotency key unique to this load, connection and request.
     */
    static RpcLoad.Params params(List<String> nodeIds) {
        String tag = "bench-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String[] heads = nodeIds.stream()
                .map(id -> "{\"nodeId\":\"" + id + "\",\"command\":\"" + COMMAND + "\",\"params\":" + INVOKE_PARAMS
                        + ",\"timeoutMs\":" + INVOKE_TIMEOUT_MS + ",\"idempotencyKey\":\"" + tag + "-")
                .toArray(String[]::new);
        return (c, seq) -> heads[(int) ((c + seq) % heads.length)] + c + "-" + seq + "\"}";
    }

    private static List<ScriptedNode> openNodes(Target target, int n, ErrorLog errors) throws InterruptedException {
        List<ScriptedNode> nodes = new ArrayList<>(n);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60_000);
        try {
            for (int i = 0; i < n; i++) {
                ConnectSpec spec = ScriptedNode.spec(target, i);
                ScriptedNode node = new ScriptedNode(spec.device().id(), errors);
                node.open(spec);
                nodes.add(node);
                // one at a time: node connects are few, and each may create a pairing request
                node.client().hello().get(Connections.remainingMs(deadline), TimeUnit.MILLISECONDS);
            }
            return nodes;
        } catch (ExecutionException e) {
            nodes.forEach(x -> x.client().close());
            throw new BenchException("node connect: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            nodes.forEach(x -> x.client().close());
            throw new BenchException("node connect: timed out after " + nodes.size() + " of " + n);
        }
    }

    /**
     * Approves the node's pending surface request, found from the {@code node.pair.requested} event or,
     * failing that, by polling {@code node.pair.list}; then waits for the node to hear it was resolved.
     */
    static void approve(AdminClient admin, ScriptedNode node) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(PAIRING_TIMEOUT_MS);
        String requestId = null;
        while (requestId == null) {
            requestId = admin.pairRequestSeen(node.nodeId());
            if (requestId == null && System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(POLL_AFTER_MS)) {
                JsonNode list = admin.call("node.pair.list", "{}", CALL_TIMEOUT_MS);
                requestId = pendingRequestId(list, node.nodeId());
                if (requestId == null && isPaired(list, node.nodeId())) {
                    return; // surface already approved (e.g. an allowlist auto-approves it)
                }
            }
            if (requestId == null) {
                if (System.nanoTime() > deadline) {
                    throw new BenchException(
                            "no node.pair request for node " + node.nodeId() + " within " + PAIRING_TIMEOUT_MS + " ms");
                }
                RpcLoad.waitUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_EVERY_MS));
            }
        }
        admin.call("node.pair.approve", "{\"requestId\":" + ScriptedNode.quote(requestId) + "}", CALL_TIMEOUT_MS);
        try {
            node.resolved().get(5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("warning: node " + node.nodeId() + " got no node.pair.resolved within 5 s");
        }
    }

    static String pendingRequestId(JsonNode list, String nodeId) {
        for (JsonNode p : list.path("pending")) {
            if (nodeId.equals(p.path("nodeId").asString(""))) {
                return p.path("requestId").asString(null);
            }
        }
        return null;
    }

    static boolean isPaired(JsonNode list, String nodeId) {
        for (JsonNode p : list.path("paired")) {
            if (nodeId.equals(p.path("nodeId").asString(""))) {
                return p.path("commands").toString().contains("\"" + COMMAND + "\"");
            }
        }
        return false;
    }
}
