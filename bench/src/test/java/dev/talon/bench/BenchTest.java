package dev.talon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs every subcommand briefly against {@link FakeGateway}. */
@Timeout(60)
class BenchTest {
    private static final String TOKEN = "bench-test-token";
    private static FakeGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = new FakeGateway(TOKEN, 0).start();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    private static Metrics bench(String command, String... args) throws InterruptedException {
        List<String> all = new ArrayList<>(List.of("--url", gateway.url(), "--token", TOKEN));
        all.addAll(List.of(args));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Metrics m = Main.execute(
                Main.COMMANDS.get(command).get(), command, all, new PrintStream(buf, true, StandardCharsets.UTF_8));
        System.out.print(buf.toString(StandardCharsets.UTF_8));
        return m;
    }

    @Test
    void handshakeCompletesSignedHandshakes() throws Exception {
        Metrics m = bench("handshake", "--parallel", "4", "--count", "60", "--warmup", "0.2");
        assertEquals(60, m.get("completed"));
        assertEquals(0, m.get("errors"));
        assertTrue(m.get("handshakes_per_s") > 0);
        assertTrue(m.get("p99_ms") >= m.get("p50_ms"));
    }

    @Test
    void handshakeWithBouncyCastleSignerVerifiesOnTheServer() throws Exception {
        Metrics m = bench(
                "handshake",
                "--signer",
                "bc",
                "--client",
                "jetty",
                "--parallel",
                "2",
                "--count",
                "20",
                "--warmup",
                "0");
        assertEquals(20, m.get("completed"));
        assertEquals(0, m.get("errors"));
    }

    @Test
    void handshakeCountsRejectedConnects() throws Exception {
        Metrics m = bench("handshake", "--parallel", "2", "--count", "4", "--warmup", "0", "--token", "wrong");
        assertEquals(0, m.get("completed"));
        assertEquals(4, m.get("errors"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty", "raw", "nio"})
    void rpcRunsWithEveryClient(String client) throws Exception {
        Metrics m = bench(
                "rpc",
                "--client",
                client,
                "--connections",
                "4",
                "--outstanding",
                "8",
                "--warmup",
                "0.2",
                "--duration",
                "0.8");
        assertTrue(m.get("req_per_s") > 0, m.toString());
        assertEquals(0, m.get("errors"));
    }

    @Test
    void rpcMatrixEndsWithTheLargestCell() throws Exception {
        Metrics m = bench("rpc", "--matrix", "--warmup", "0.1", "--duration", "0.3");
        assertEquals(32, m.get("connections"));
        assertEquals(256, m.get("outstanding"));
        assertTrue(m.get("requests") > 0);
        assertEquals(0, m.get("errors"));
    }

    @Test
    void rpcCountsErrorResponses() throws Exception {
        Metrics m = bench(
                "rpc",
                "--method",
                "no.such.method",
                "--connections",
                "1",
                "--outstanding",
                "2",
                "--warmup",
                "0",
                "--duration",
                "0.3");
        assertTrue(m.get("errors") > 0);
        assertEquals(0, m.get("requests"));
    }

    @Test
    void fanoutDeliversEveryEventToEverySubscriber() throws Exception {
        Metrics m = bench("fanout", "--subscribers", "10", "--events", "30", "--inflight", "2", "--duration", "20");
        assertEquals(300, m.get("delivered"));
        assertEquals(0, m.get("errors"));
        assertTrue(m.get("deliveries_per_s") > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "jdk", "nio"})
    void invokeApprovesScriptedNodesAndRoundTripsThroughThem(String client) throws Exception {
        Metrics m = bench(
                "invoke",
                "--client",
                client,
                "--nodes",
                "2",
                "--connections",
                "2",
                "--outstanding",
                "4",
                "--warmup",
                "0.2",
                "--duration",
                "0.8");
        assertEquals(2, m.get("nodes"));
        assertTrue(m.get("invokes_per_s") > 0, m.toString());
        assertEquals(0, m.get("errors"));
    }

    @Test
    void idleMeasuresOwnProcess() throws Exception {
        Metrics m = bench(
                "idle",
                "--connections",
                "20",
                "--pid",
                Long.toString(ProcessHandle.current().pid()),
                "--duration",
                "0.2");
        assertEquals(20, m.get("open_after_hold"));
        assertEquals(0, m.get("errors"));
        assertTrue(m.get("rss_after_mib") > 0);
    }

    @Test
    void startupSpawnsWaitsForHelloAndStops() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Metrics m = startup(buf, "--runs", "1", "--idle", "0.3");
        System.out.print(buf.toString(StandardCharsets.UTF_8));
        assertTrue(m.get("hello_ok_ms") > 0);
        assertTrue(m.get("rss_mib") > 0);
    }

    @Test
    void startupWithKeptStateRestartsInTheSameStateDir() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Metrics m = startup(buf, "--runs", "2", "--idle", "0.2", "--state", "kept");
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("| 2 |"), out);
        assertTrue(m.get("hello_ok_ms") > 0);
        assertThrows(BenchException.class, () -> startup(new ByteArrayOutputStream(), "--state", "warm"));
    }

    /** {@code startup} against {@link FakeGatewayMain} on a free port, with {@code extra} options, into {@code out}. */
    private static Metrics startup(ByteArrayOutputStream out, String... extra) throws Exception {
        int port = freePort();
        List<String> args =
                new java.util.ArrayList<>(List.of("--cmd", fakeGatewayCommand(port), "--port", Integer.toString(port)));
        args.addAll(List.of(extra));
        return Main.execute(new StartupBench(), "startup", args, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    /** A command line that starts {@link FakeGatewayMain} on {@code port} in a new JVM. */
    private static String fakeGatewayCommand(int port) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return java + " -Xshare:auto -cp " + System.getProperty("java.class.path") + " "
                + FakeGatewayMain.class.getName() + " --port " + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
