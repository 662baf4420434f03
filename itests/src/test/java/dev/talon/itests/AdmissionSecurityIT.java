package dev.talon.itests;

import static dev.talon.itests.WsTestClient.connectParams;
import static dev.talon.itests.WsTestClient.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import tools.jackson.databind.JsonNode;

/**
 * Admission hardening on a real listener: browser origin and DNS-rebinding checks, proxy attribution, and the
 * unauthenticated-sockets-per-address cap (PROTOCOL.md §1.1.1, §1.1.2, §1.5).
 */
public class AdmissionSecurityIT extends GatewayTestSupport {
    private static final int MAX_PREAUTH = 4;

    @Override
    protected String gatewayJson(int port, String token) {
        return "{\"gateway\":{\"port\":" + port + ",\"auth\":{\"mode\":\"token\",\"token\":\"" + token + "\"},"
                + "\"maxPreauthPerIp\":" + MAX_PREAUTH + "}}";
    }

    // SECURITY.md S-02: a foreign page on loopback is refused before auth, even with the right token.
    @Test
    public void aForeignOriginIsRefusedWithOriginNotAllowedThenClose1008() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(port(), Map.of("Origin", "https://evil.example"))) {
            assertEquals(101, ws.status());
            assertEquals("connect.challenge", text(ws.nextJson().path("event")));
            ws.connect("c1", connectParams("cli", "cli", TOKEN, "operator.admin"));
            JsonNode res = ws.nextJson();
            assertEquals("c1", text(res.path("id")));
            assertEquals("INVALID_REQUEST", text(res.path("error").path("code")));
            assertEquals(
                    "CONTROL_UI_ORIGIN_NOT_ALLOWED",
                    text(res.path("error").path("details").path("code")));
            assertTrue(text(res.path("error").path("message")).startsWith("origin not allowed"));
            RawWebSocket.Frame close = ws.next();
            assertEquals(8, close.opcode());
            assertEquals(1008, close.closeCode());
            assertTrue(close.closeReason(), close.closeReason().startsWith("origin not allowed"));
        }
    }

    // SECURITY.md S-03: DNS rebinding (attacker name resolving to 127.0.0.1, matching Origin).
    @Test
    public void aRebindingHostIsRefused() throws IOException {
        String host = "rebind.attacker.test:" + port();
        try (RawWebSocket ws = RawWebSocket.open(port(), Map.of("Host", host, "Origin", "http://" + host))) {
            ws.nextJson();
            ws.connect("c1", connectParams("cli", "cli", TOKEN));
            assertEquals(
                    "CONTROL_UI_ORIGIN_NOT_ALLOWED",
                    text(ws.nextJson().path("error").path("details").path("code")));
            assertEquals(1008, ws.next().closeCode());
        }
    }

    // INTEROP.md "Control UI → another gateway": a local page on another loopback port is accepted.
    @Test
    public void aLoopbackOriginFromAnotherPortIsAccepted() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(port(), Map.of("Origin", "http://127.0.0.1:18789"))) {
            ws.nextJson();
            ws.connect("c1", connectParams("cli", "cli", TOKEN));
            JsonNode res = ws.nextJson();
            assertTrue("hello-ok expected: " + res, res.path("ok").asBoolean(false));
        }
    }

    // SECURITY.md S-09/S-10; PROTOCOL.md §1.5: proxy headers from an undeclared loopback proxy.
    @Test
    public void proxyHeadersWithoutATrustedProxyCloseWithAttributionRequired() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(port(), Map.of("X-Forwarded-For", "203.0.113.9"))) {
            assertEquals(101, ws.status());
            RawWebSocket.Frame f = ws.next();
            assertEquals("no challenge, just the close", 8, f.opcode());
            assertEquals(1008, f.closeCode());
            assertEquals("gateway ingress attribution required", f.closeReason());
        }
    }

    // SECURITY.md section 1 "Pre-auth limits", R-05: the cap per address, and a slot freed at hello-ok.
    @Test
    public void unauthenticatedSocketsBeyondTheCapAreRefusedWith503UntilOneAuthenticates() throws IOException {
        List<RawWebSocket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_PREAUTH; i++) {
                RawWebSocket ws = RawWebSocket.open(port(), Map.of());
                idle.add(ws);
                assertEquals(101, ws.status());
                ws.nextJson(); // the challenge: the socket is registered
            }
            try (RawWebSocket refused = RawWebSocket.open(port(), Map.of())) {
                assertEquals(503, refused.status());
                assertTrue(refused.body().contains("Too many unauthenticated sockets"));
            }
            RawWebSocket first = idle.get(0);
            first.connect("c1", connectParams("cli", "cli", TOKEN));
            assertTrue(first.nextJson().path("ok").asBoolean(false));
            Await.until("a slot is free again", WsTestClient.WAIT, () -> {
                try (RawWebSocket probe = RawWebSocket.open(port(), Map.of())) {
                    return probe.status() == 101;
                }
            });
        } finally {
            idle.forEach(RawWebSocket::close);
        }
    }
}
