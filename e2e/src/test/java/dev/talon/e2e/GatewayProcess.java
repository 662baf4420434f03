package dev.talon.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A gateway started from the unpacked distribution with {@code bin/talon gateway run}, in its own state dir. */
final class GatewayProcess implements AutoCloseable {
    static final Path DIST =
            Paths.get(System.getProperty("talon.dist", "target/dist/talon")).toAbsolutePath();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path stateDir;
    final int port;
    final Path log;
    private final Process process;

    private GatewayProcess(Path stateDir, int port, List<String> extraArgs, Map<String, String> env)
            throws IOException {
        this.stateDir = stateDir;
        this.port = port;
        this.log = stateDir.resolve("e2e-stdout.log");
        List<String> cmd = new ArrayList<>(
                List.of(DIST.resolve("bin/talon").toString(), "gateway", "run", "--port", String.valueOf(port)));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TALON_STATE_DIR", stateDir.toString());
        pb.environment().remove("TALON_GATEWAY_TOKEN");
        pb.environment().remove("OPENCLAW_GATEWAY_TOKEN");
        pb.environment().putAll(env);
        this.process = pb.start();
    }

    static GatewayProcess start(Path stateDir, List<String> extraArgs, Map<String, String> env) throws IOException {
        return new GatewayProcess(stateDir, freePort(), extraArgs, env);
    }

    static GatewayProcess startOnPort(Path stateDir, int port) throws IOException {
        return new GatewayProcess(stateDir, port, List.of(), Map.of());
    }

    static GatewayProcess start(Path stateDir) throws IOException {
        return start(stateDir, List.of(), Map.of());
    }

    String url() {
        return "ws://127.0.0.1:" + port + "/";
    }

    /** Waits until {@code /readyz} answers 200. */
    GatewayProcess awaitReady() {
        await(Duration.ofSeconds(30), () -> httpStatus("/readyz") == 200, "gateway ready on port " + port);
        return this;
    }

    int httpStatus(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The token the launcher generated into talon.json on first run. */
    String generatedToken() throws IOException {
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(Files.readString(stateDir.resolve("talon.json")));
        if (!m.find()) {
            throw new AssertionError("no token in talon.json");
        }
        return m.group(1);
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits for the exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    void kill() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Runs {@code bin/talon <args>} (the CLI) against this state dir. */
    static CliResult cli(Path stateDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/talon").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TALON_STATE_DIR", stateDir.toString());
        pb.environment().remove("TALON_GATEWAY_TOKEN");
        pb.environment().remove("OPENCLAW_GATEWAY_TOKEN");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(stateDir, "cli", ".out");
        Path err = Files.createTempFile(stateDir, "cli", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("talon " + String.join(" ", args) + " did not finish");
        }
        return new CliResult(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    record CliResult(int exit, String out, String err) {}

    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
