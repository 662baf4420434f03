package dev.talon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

@Timeout(30)
class GatewayClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private FakeGateway gateway;
    private final GatewayClient client = new GatewayClient(FakeGateway.JSON, "0.0.1-test", Duration.ofSeconds(2));

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
        gateway.handlers.put(
                "health",
                params -> FakeGateway.ok(FakeGateway.JSON.createObjectNode().put("ok", true)));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private GatewayTarget target(String token) {
        return new GatewayTarget(gateway.url(), token, null);
    }

    @Test
    void sendsTheCliConnectFrameThenOneRequest() throws Exception {
        GatewayClient.Exchange ex = client.call(target("s3cret"), GatewayClient.READ_SCOPES, "health", null, TIMEOUT);
        assertTrue(ex.ok());
        assertTrue(ex.payload().path("ok").asBoolean());
        assertEquals("9.9.9", ex.hello().path("server").path("version").asString());

        JsonNode connect = gateway.received.poll(5, TimeUnit.SECONDS);
        assertEquals("connect", connect.path("method").asString());
        assertTrue(connect.path("id").asString().startsWith("1:"));
        JsonNode p = connect.path("params");
        assertEquals(4, p.path("minProtocol").asInt());
        assertEquals(4, p.path("maxProtocol").asInt());
        assertEquals("cli", p.path("client").path("id").asString());
        assertEquals("cli", p.path("client").path("mode").asString());
        assertEquals("0.0.1-test", p.path("client").path("version").asString());
        assertFalse(p.path("client").path("instanceId").asString().isEmpty());
        assertEquals("operator", p.path("role").asString());
        assertEquals("[\"operator.read\"]", p.path("scopes").toString());
        assertEquals("[]", p.path("caps").toString());
        assertEquals("{\"token\":\"s3cret\"}", p.path("auth").toString());

        JsonNode req = gateway.received.poll(5, TimeUnit.SECONDS);
        assertEquals("health", req.path("method").asString());
        assertTrue(req.path("id").asString().startsWith("2:"));
        assertFalse(req.has("params"));
    }

    @Test
    void failedResponseIsReturnedNotThrown() {
        gateway.handlers.put("boom", params -> FakeGateway.error("FORBIDDEN", "missing scope: operator.admin"));
        GatewayClient.Exchange ex = client.call(
                target("s3cret"), GatewayClient.ADMIN_SCOPES, "boom", FakeGateway.JSON.createObjectNode(), TIMEOUT);
        assertFalse(ex.ok());
        assertEquals("error: FORBIDDEN: missing scope: operator.admin", ex.errorLine());
    }

    @Test
    void rejectedConnectReportsMessageAndDetailCode() {
        CliException e = assertThrows(
                CliException.class,
                () -> client.call(target("wrong"), GatewayClient.READ_SCOPES, "health", null, TIMEOUT));
        assertEquals(CliException.FAILURE, e.exitCode());
        assertEquals("connect rejected: unauthorized: gateway token mismatch (AUTH_TOKEN_MISMATCH)", e.getMessage());
    }

    @Test
    void missingResponseTimesOut() {
        gateway.handlers.put("slow", params -> null);
        CliException e = assertThrows(
                CliException.class,
                () -> client.call(target("s3cret"), GatewayClient.READ_SCOPES, "slow", null, Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith("no response to slow"), e.getMessage());
    }

    @Test
    void missingChallengeTimesOut() {
        gateway.silent = true;
        CliException e = assertThrows(
                CliException.class,
                () -> client.call(target("s3cret"), GatewayClient.READ_SCOPES, "health", null, TIMEOUT));
        assertTrue(e.getMessage().startsWith("no connect.challenge"), e.getMessage());
    }

    @Test
    void refusedConnectionSaysTheGatewayIsNotReachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI url = URI.create("ws://127.0.0.1:" + port);
        CliException e = assertThrows(
                CliException.class,
                () -> client.call(
                        new GatewayTarget(url, null, null), List.of("operator.read"), "health", null, TIMEOUT));
        assertEquals("gateway not reachable at " + url + " (is it running? try 'talon gateway start')", e.getMessage());
    }
}
