package dev.talon.itests;

import static dev.talon.itests.WsTestClient.WAIT;
import static dev.talon.itests.WsTestClient.connectParams;
import static dev.talon.itests.WsTestClient.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import tools.jackson.databind.JsonNode;

/** The connect handshake (protocol §1.4), close codes (§1.5), dispatch errors (§1.6) and the HTTP probes. */
public class HandshakeIT extends GatewayTestSupport {

    @Test
    public void challengeIsTheFirstFrameAndCarriesNonceAndTimestampWithoutSeq() {
        try (WsTestClient c = WsTestClient.open(port())) {
            JsonNode challenge = c.awaitChallenge();
            JsonNode payload = challenge.path("payload");
            assertFalse("nonce", text(payload.path("nonce")).isBlank());
            assertTrue("ts is a number: " + payload, payload.path("ts").isIntegralNumber());
            assertTrue(
                    "ts is recent",
                    Math.abs(System.currentTimeMillis() - payload.path("ts").asLong()) < 60_000);
            assertFalse("challenge has no seq: " + challenge, challenge.has("seq"));
        }
    }

    @Test
    public void connectWithTheRightTokenYieldsHelloOkWithProtocol4MethodsAndTheRequestedCliScopes() {
        try (WsTestClient c = WsTestClient.operator(port(), TOKEN, "operator.admin", "operator.read")) {
            JsonNode hello = c.hello();
            assertEquals("hello-ok", text(hello.path("type")));
            assertEquals(4, hello.path("protocol").asInt());
            Set<String> methods = strings(hello.path("features").path("methods"));
            assertTrue(
                    "advertised methods: " + methods,
                    methods.containsAll(List.of("health", "status", "system-presence", "system-event")));
            assertEquals("operator", text(hello.path("auth").path("role")));
            assertEquals(
                    Set.of("operator.admin", "operator.read"),
                    strings(hello.path("auth").path("scopes")));
            assertEquals("token", text(hello.path("auth").path("method")));
            assertFalse(text(hello.path("server").path("connId")).isBlank());

            JsonNode health = c.call("health", Map.of());
            assertTrue(
                    "health answers after hello: " + health, health.path("ok").asBoolean());
        }
    }

    @Test
    public void aWrongTokenIsRefusedWithAuthTokenMismatchThenClose1008() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            JsonNode res = c.connect(connectParams("cli", "cli", "not-the-token", "operator.admin"));
            assertFalse(res.path("ok").asBoolean(true));
            assertEquals("INVALID_REQUEST", text(res.path("error").path("code")));
            assertEquals(
                    "AUTH_TOKEN_MISMATCH",
                    text(res.path("error").path("details").path("code")));
            assertTrue(text(res.path("error").path("message")).startsWith("unauthorized: gateway token mismatch"));
            WsTestClient.Close close = c.awaitClose(WAIT);
            assertEquals(1008, close.code());
            assertEquals(text(res.path("error").path("message")), close.reason());
        }
    }

    @Test
    public void aMissingTokenIsRefusedWithAuthTokenMissing() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            JsonNode res = c.connect(connectParams("cli", "cli", null, "operator.admin"));
            assertEquals(
                    "AUTH_TOKEN_MISSING", text(res.path("error").path("details").path("code")));
            assertEquals(1008, c.awaitClose(WAIT).code());
        }
    }

    @Test
    public void aFirstFrameThatIsNotJsonClosesWith1000() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            c.send("this is not json");
            assertEquals(1000, c.awaitClose(WAIT).code());
            List<JsonNode> unexpected = c.drain();
            assertTrue("no response to a non-JSON frame: " + unexpected, unexpected.isEmpty());
        }
    }

    @Test
    public void aFirstRequestOtherThanConnectIsRefusedThenClose1008() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            JsonNode res = c.call("health", Map.of());
            assertEquals("INVALID_REQUEST", text(res.path("error").path("code")));
            assertEquals(
                    "invalid handshake: first request must be connect",
                    text(res.path("error").path("message")));
            WsTestClient.Close close = c.awaitClose(WAIT);
            assertEquals(1008, close.code());
            assertEquals("invalid handshake: first request must be connect", close.reason());
        }
    }

    @Test
    public void aProtocolWindowWithout4IsRefusedWithProtocolMismatchThenClose1002() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            Map<String, Object> params = connectParams("cli", "cli", TOKEN, "operator.admin");
            params.put("minProtocol", 2);
            params.put("maxProtocol", 2);
            JsonNode res = c.connect(params);
            assertEquals("INVALID_REQUEST", text(res.path("error").path("code")));
            assertEquals(
                    "PROTOCOL_MISMATCH", text(res.path("error").path("details").path("code")));
            assertEquals(
                    4,
                    res.path("error").path("details").path("expectedProtocol").asInt());
            assertEquals(1002, c.awaitClose(WAIT).code());
        }
    }

    @Test
    public void anUnknownRoleIsRefusedWithInvalidRoleThenClose1008() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            Map<String, Object> params = connectParams("cli", "cli", TOKEN, "operator.admin");
            params.put("role", "superuser");
            JsonNode res = c.connect(params);
            assertEquals("INVALID_REQUEST", text(res.path("error").path("code")));
            assertEquals("invalid role", text(res.path("error").path("message")));
            WsTestClient.Close close = c.awaitClose(WAIT);
            assertEquals(1008, close.code());
            assertEquals("invalid role", close.reason());
        }
    }

    @Test
    public void invalidConnectParamsAreRefusedThenClose1008() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            JsonNode res = c.connect(Map.of("minProtocol", 4, "maxProtocol", 4));
            assertEquals("INVALID_REQUEST", text(res.path("error").path("code")));
            assertTrue(text(res.path("error").path("message")).startsWith("invalid connect params: "));
            assertEquals(1008, c.awaitClose(WAIT).code());
        }
    }

    @Test
    public void anUnknownMethodAfterHelloIsAnsweredUnknownMethodAndTheConnectionStaysOpen() {
        try (WsTestClient c = admin()) {
            JsonNode res = c.call("x", Map.of());
            assertFalse(res.path("ok").asBoolean(true));
            assertEquals("INVALID_REQUEST", text(res.path("error").path("code")));
            assertEquals("unknown method: x", text(res.path("error").path("message")));
            assertTrue(c.call("health", Map.of()).path("ok").asBoolean());
        }
    }

    @Test
    public void aSecondConnectIsRefusedWithoutClosing() {
        try (WsTestClient c = admin()) {
            JsonNode res = c.connect(connectParams("cli", "cli", TOKEN, "operator.admin"));
            assertEquals(
                    "connect is only valid as the first request",
                    text(res.path("error").path("message")));
            assertTrue(c.call("health", Map.of()).path("ok").asBoolean());
        }
    }

    @Test
    public void aNonCliOperatorHasItsScopesClearedAndIsForbiddenFromStatusButMayCallHealth() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            JsonNode hello = c.connect(connectParams("test", "test", TOKEN, "operator.admin"));
            assertTrue("connect: " + hello, hello.path("ok").asBoolean());
            assertEquals(Set.of(), strings(hello.path("payload").path("auth").path("scopes")));

            JsonNode status = c.call("status", Map.of());
            assertEquals("FORBIDDEN", text(status.path("error").path("code")));
            assertEquals(
                    "missing scope: operator.read", text(status.path("error").path("message")));
            assertEquals(
                    "MISSING_SCOPE", text(status.path("error").path("details").path("code")));

            JsonNode unknown = c.call("x", Map.of());
            assertEquals(
                    "unknown methods are admin-scoped",
                    "missing scope: operator.admin",
                    text(unknown.path("error").path("message")));

            assertTrue(
                    "health bypasses scope checks",
                    c.call("health", Map.of()).path("ok").asBoolean());
        }
    }

    @Test
    public void aPreAuthFrameLargerThan64KiBClosesWith1009() {
        try (WsTestClient c = WsTestClient.open(port())) {
            c.awaitChallenge();
            StringBuilder big = new StringBuilder(70_000)
                    .append("{\"type\":\"req\",\"id\":\"1\",\"method\":\"connect\",\"params\":{\"pad\":\"");
            while (big.length() < 66_000) {
                big.append("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
            }
            big.append("\"}}");
            c.sendAsync(big.toString());
            assertEquals(1009, c.awaitClose(WAIT).code());
        }
    }

    @Test
    public void healthzAndReadyzAnswer200WithJson() throws Exception {
        HttpResponse<String> live = httpGet(port(), "/healthz");
        assertEquals(200, live.statusCode());
        assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(WsTestClient.JSON.readTree(live.body()).path("ok").asBoolean());

        HttpResponse<String> ready = httpGet(port(), "/readyz");
        assertEquals("readyz: " + ready.body(), 200, ready.statusCode());
        JsonNode body = WsTestClient.JSON.readTree(ready.body());
        assertTrue(body.path("ready").asBoolean());
        assertNotNull(body.get("failing"));
        assertEquals(0, body.path("failing").size());

        assertEquals(404, httpGet(port(), "/nope").statusCode());
    }

    private static Set<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(text(n)));
        return new HashSet<>(out);
    }
}
