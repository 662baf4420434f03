package dev.talon.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cold start: spawn the gateway with a fresh state dir, poll every 20 ms until a signed handshake gets
 * hello-ok, then read its RSS after an idle period and stop it with SIGTERM. Repeated {@code --runs} times.
 * With {@code --state kept} all runs share one state dir: the first is a cold start, the others are restarts
 * (Felix's bundle cache, the token and the paired bench device are kept).
 */
final class StartupBench implements Command {
    private static final String FRESH = "fresh";
    private static final String KEPT = "kept";
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long ATTEMPT_TIMEOUT_MS = 2_000;
    /**
     * The harness's blocking client polls: the JDK's WebSocket client spent enough CPU on the refused attempts and
     * on its own first upgrade, on the two cores the gateway was starting on, to add 100–300 ms to the figure
     * (docs/PERFORMANCE.md, pass 5).
     */
    private static final String DEFAULT_CLIENT = "raw";

    @Override
    public Metrics run(Options opts, PrintStream out) throws InterruptedException {
        String cmd = opts.required("cmd");
        int port = opts.integer("port", 18796);
        int runs = opts.integer("runs", 3);
        long idle = opts.seconds("idle", 10);
        long timeout = opts.seconds("timeout", 60);
        String token = opts.str("token", null);
        String stateMode = opts.str("state", FRESH);
        if (!FRESH.equals(stateMode) && !KEPT.equals(stateMode)) {
            throw new BenchException("--state expects " + FRESH + " or " + KEPT + ", got " + stateMode);
        }
        URI url = Target.loopbackUrl("ws://127.0.0.1:" + port + "/");
        List<Metrics> results = new ArrayList<>();
        try (Transport transport = Transport.create(opts.str("client", DEFAULT_CLIENT))) {
            ConnectSpec spec = new ConnectSpec(
                    url, token, ConnectSpec.READ, DeviceIdentity.generate(opts.str("signer", "jdk")), transport);
            warmUp(spec);
            Path shared = KEPT.equals(stateMode) ? tempDir() : null;
            for (int i = 1; i <= runs; i++) {
                Metrics m = runOnce(i, cmd, spec, idle, timeout, shared);
                out.println(m);
                results.add(m);
            }
            if (shared != null) {
                ChildProcess.deleteTree(shared);
            }
        }
        out.println();
        out.println("| run | start → hello-ok ms | RSS after idle MiB | SIGTERM → exit ms | exit code |");
        out.println("|---:|---:|---:|---:|---:|");
        results.forEach(m -> out.println(Report.row(m, "run", "hello_ok_ms", "rss_mib", "stop_ms", "exit_code")));
        return median(results);
    }

    /** @param shared the state dir's parent kept across runs ({@code --state kept}), or null for a fresh one */
    private Metrics runOnce(int run, String cmd, ConnectSpec spec, long idle, long timeout, Path shared)
            throws InterruptedException {
        Path work = shared != null ? shared : tempDir();
        Path state = work.resolve("state");
        boolean ok = false;
        Map<String, String> env = new HashMap<>(Map.of("TALON_STATE_DIR", state.toString()));
        if (spec.token() != null) {
            env.put("TALON_GATEWAY_TOKEN", spec.token());
        }
        try (ChildProcess child = ChildProcess.start(cmd, env, work.resolve("gateway.log"))) {
            Files.createDirectories(state);
            double helloMs = waitForHello(child, spec, state, timeout) / 1e6;
            if (child.exitsWithin(idle)) {
                throw new BenchException("gateway exited while idle:\n" + child.tail(20));
            }
            double rssMib = ProcStats.treeRssKiB(child.pid()) / 1024.0;
            long stopMs = child.stop();
            ok = true;
            return new Metrics("startup")
                    .put("run", run)
                    .put("hello_ok_ms", helloMs)
                    .put("rss_mib", rssMib)
                    .put("stop_ms", stopMs)
                    .put("exit_code", child.exitCode());
        } catch (IOException e) {
            throw new BenchException("cannot prepare " + state + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                System.err.println("kept " + work + " for inspection");
            } else if (shared == null) {
                ChildProcess.deleteTree(work);
            }
        }
    }

    /** Nanoseconds from process start to the first hello-ok. */
    private long waitForHello(ChildProcess child, ConnectSpec spec, Path state, long timeout)
            throws InterruptedException {
        long deadline = child.startNanos() + timeout;
        String lastError = "no attempt";
        while (System.nanoTime() < deadline) {
            long attempt = System.nanoTime();
            if (!child.isAlive()) {
                throw new BenchException("gateway exited with " + child.exitCode() + ":\n" + child.tail(20));
            }
            String token =
                    spec.token() != null ? spec.token() : StateToken.read(state).orElse(null);
            GatewayClient c = GatewayClient.open(spec.withToken(token), GatewayClient.FrameHandler.IGNORE);
            try {
                c.hello().get(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                return System.nanoTime() - child.startNanos();
            } catch (ExecutionException | TimeoutException e) {
                lastError = e instanceof ExecutionException ? e.getCause().getMessage() : "attempt timed out";
            } finally {
                c.close();
            }
            RpcLoad.waitUntil(attempt + POLL_NANOS);
        }
        throw new BenchException("no hello-ok within the timeout; last error: " + lastError + "\n" + child.tail(20));
    }

    /**
     * Loads and JIT-warms the client side (signing, frame building, a refused connect) so the first
     * run does not charge the harness's own class loading to the gateway; also checks the port is free.
     */
    private static void warmUp(ConnectSpec spec) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Frames.connect("warm", spec, "nonce-" + i, System.currentTimeMillis());
        }
        GatewayClient probe = GatewayClient.open(spec, GatewayClient.FrameHandler.IGNORE);
        try {
            probe.hello().get(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            throw new BenchException("a gateway already answers on " + spec.url() + "; pick a free --port");
        } catch (ExecutionException | TimeoutException e) {
            // Expected: nothing listens yet.
        } finally {
            probe.close();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("talon-bench-startup-");
        } catch (IOException e) {
            throw new BenchException("cannot create a temp dir", e);
        }
    }

    private static Metrics median(List<Metrics> runs) {
        Metrics m = new Metrics("startup median").put("runs", runs.size());
        for (String key : List.of("hello_ok_ms", "rss_mib", "stop_ms")) {
            double[] v = runs.stream().mapToDouble(r -> r.get(key)).sorted().toArray();
            m.put(key, v.length == 0 ? 0 : v[v.length / 2]);
        }
        return m;
    }
}
