package dev.talon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Timeout(60)
class TalonCliTest {
    @TempDir
    Path state;

    private FakeGateway gateway;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
        env = Map.of("TALON_GATEWAY_URL", gateway.url().toString(), "TALON_GATEWAY_TOKEN", "s3cret");
        ObjectNode health = FakeGateway.JSON.createObjectNode().put("ok", true).put("defaultAgentId", "main");
        health.putObject("channels");
        health.putArray("agents");
        gateway.handlers.put("health", params -> FakeGateway.ok(health));
        gateway.handlers.put(
                "status",
                params -> FakeGateway.ok(FakeGateway.JSON
                        .createObjectNode()
                        .put("runtimeVersion", "0.1.0")
                        .put("pid", 42)));
        gateway.handlers.put(
                "system-presence",
                params -> FakeGateway.ok(FakeGateway.JSON
                        .createArrayNode()
                        .add(FakeGateway.JSON
                                .createObjectNode()
                                .put("host", "gw")
                                .put("mode", "gateway")
                                .put("reason", "self"))));
        gateway.handlers.put(
                ShellCommand.METHOD,
                params -> FakeGateway.ok(
                        params.path("command").asString().equals("bad")
                                ? FakeGateway.JSON
                                        .createObjectNode()
                                        .put("ok", false)
                                        .put("error", "Command not found: bad")
                                        .put("output", "")
                                : FakeGateway.JSON
                                        .createObjectNode()
                                        .put("ok", true)
                                        .put(
                                                "output",
                                                "ran: " + params.path("command").asString())));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private TestContexts run(int expectedExit, String stdin, String... argv) {
        TestContexts t = new TestContexts(state, env, stdin);
        int code = new TalonCli().run(List.of(argv), t.ctx);
        assertEquals(expectedExit, code, () -> "stdout: " + t.out() + "\nstderr: " + t.err());
        return t;
    }

    @Test
    void healthPrintsAHumanSummary() {
        String out = run(0, "", "health").out();
        assertTrue(out.startsWith("Gateway OK ("), out);
        assertTrue(out.contains("server:   9.9.9"), out);
        assertTrue(out.contains("uptime:   1m 1s"), out);
        assertTrue(out.contains("agents:   0 (default main)"), out);
    }

    @Test
    void healthJsonPrintsThePayload() {
        JsonNode printed =
                FakeGateway.JSON.readTree(run(0, "", "health", "--json").out());
        assertTrue(printed.path("ok").asBoolean());
    }

    @Test
    void callSendsParamsWithAdminScopesAndPrintsCompactJson() throws Exception {
        gateway.handlers.put("echo", params -> FakeGateway.ok(params));
        TestContexts t = run(0, "", "call", "echo", "--params", "{\"a\": [1, 2]}", "--json");
        assertEquals("{\"a\":[1,2]}\n", t.out());
        JsonNode connect = gateway.received.poll(5, TimeUnit.SECONDS);
        assertEquals(
                GatewayClient.ADMIN_SCOPES.toString().replace(" ", ""),
                connect.path("params").path("scopes").toString().replace("\"", ""));
    }

    @Test
    void callErrorPrintsCodeAndMessage() {
        TestContexts t = run(1, "", "call", "nope");
        assertEquals("error: INVALID_REQUEST: unknown method: nope\n", t.err());
    }

    @Test
    void nodesInvokeSendsTheInvokeTimeoutAsTheNodesBudget() {
        gateway.handlers.put("node.invoke", params -> FakeGateway.ok(params));
        JsonNode sent = FakeGateway.JSON.readTree(run(
                        0,
                        "",
                        "nodes",
                        "invoke",
                        "n1",
                        "system.which",
                        "--params",
                        "{\"bins\":[\"git\"]}",
                        "--invoke-timeout",
                        "60000",
                        "--json")
                .out());
        assertEquals("n1", sent.path("nodeId").asString());
        assertEquals(60_000, sent.path("timeoutMs").asLong());
        assertEquals("git", sent.path("params").path("bins").path(0).asString());
        assertTrue(run(2, "", "nodes", "invoke", "n1", "system.which", "--invoke-timeout", "-5")
                .err()
                .contains("--invoke-timeout needs a positive number"));
    }

    @Test
    void callWithBadParamsIsUsage() {
        assertTrue(run(2, "", "call", "x", "--params", "{oops").err().startsWith("talon: --params is not valid JSON"));
    }

    @Test
    void statusDeepUsesThreeConnections() throws Exception {
        String out = run(0, "", "status", "--deep").out();
        assertTrue(out.contains("runtimeVersion: 0.1.0"), out);
        assertTrue(out.contains("Gateway OK"), out);
        assertTrue(out.contains("- gw  mode=gateway  reason=self"), out);
        long connects = gateway.received.stream()
                .filter(f -> f.path("method").asString().equals("connect"))
                .count();
        assertEquals(3, connects);
        JsonNode deepJson = FakeGateway.JSON.readTree(
                run(0, "", "status", "--deep", "--json").out());
        assertEquals("gw", deepJson.path("presence").path(0).path("host").asString());
    }

    @Test
    void shellRunsOneLineOrAReplUntilExit() {
        assertEquals("ran: lb -s\n", run(0, "", "shell", "lb", "-s").out());
        String repl = run(0, "lb\n\nscr:list\nexit\nnot reached\n", "shell").out();
        assertEquals("talon> ran: lb\ntalon> talon> ran: scr:list\ntalon> ", repl);
        assertEquals("talon> \n", run(0, "", "shell").out());
    }

    @Test
    void failingGogoCommandPrintsItsErrorAndExitsOne() {
        assertEquals(
                "error: Command not found: bad\n", run(1, "", "shell", "bad").err());
        TestContexts repl = run(0, "bad\nlb\n", "shell");
        assertEquals("talon> talon> ran: lb\ntalon> \n", repl.out());
        assertEquals("error: Command not found: bad\n", repl.err());
    }

    @Test
    void unreachableGatewayExitsOne() throws Exception {
        gateway.close();
        TestContexts t = run(1, "", "health");
        assertTrue(t.err().startsWith("talon: gateway not reachable at ws://127.0.0.1:"), t.err());
    }

    @Test
    void usageErrorsExitTwoAndHelpExitsZero() {
        assertTrue(run(2, "").err().contains("Usage: talon"));
        assertTrue(run(2, "", "frobnicate").err().startsWith("talon: unknown command: frobnicate"));
        assertTrue(run(2, "", "health", "--bogus").err().startsWith("talon: unknown option: --bogus"));
        assertTrue(run(0, "", "help").out().contains("gateway start"));
        assertTrue(run(0, "", "--help").out().contains("shell [options] [<gogo command line>]"));
    }

    @Test
    void portCommandFollowsTheSameRules() {
        env = Map.of("TALON_GATEWAY_PORT", "18799");
        assertEquals("18799\n", run(0, "", "__port").out());
    }
}
