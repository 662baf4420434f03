package dev.talon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SECURITY.md P-02 (hostile JSON) and P-04 (no permessage-deflate) against the real daemon. */
class HostileInputIT {
    private static GatewayProcess gw;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayProcess.start(Files.createTempDirectory("talon-e2e-hostile"))
                .awaitReady();
        token = gw.generatedToken();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    void hostileJsonIsAnsweredAndTheConnectionAndGatewaySurvive() throws Exception {
        List<String> hostile = List.of(
                "[".repeat(100_000),
                "{\"type\":\"req\",\"id\":\"n\",\"method\":\"health\",\"params\":{\"x\":" + "9".repeat(2_000_000)
                        + "}}",
                "{\"type\":\"req\",\"id\":\"d\",\"id\":\"d2\",\"method\":\"health\"}",
                "{\"type\":\"req\",\"id\":\"e\",\"method\":\"health\",\"params\":{\"x\":1e99999999999}}",
                "{\"type\":\"req\",\"id\":\"f\",\"method\":\"health\",\"params\":-2.5E-99999999999}",
                "{\"type\":\"req\",\"id\":\"s\",\"method\":\"health\",\"params\":{\"t\":\"\\ud800\"}}",
                "42",
                "{\"type\":\"req\",\"id\":\"p\",\"method\":\"system-event\",\"params\":{\"__proto__\":{\"admin\":true},\"text\":\"x\"}}",
                "{\"type\":\"req\",\"id\":\"w\",\"method\":\"system-event\",\"params\":{\"text\":123}}");
        try (WsClient c = WsClient.connect(gw.url(), token, List.of("operator.admin"))) {
            for (String frame : hostile) {
                c.sendRaw(frame);
                JsonNode res = c.nextResponse();
                assertFalse(
                        res.path("ok").asBoolean() && res.path("id").asString().equals("p"),
                        "__proto__ must not pass: " + res);
                assertTrue(
                        res.path("ok").asBoolean()
                                || res.path("error").path("code").asString().equals("INVALID_REQUEST"),
                        frame.substring(0, Math.min(60, frame.length())) + " -> " + res);
            }
            assertTrue(c.request("health", null).path("ok").asBoolean(), "the connection still works");
        }
        assertEquals(200, gw.httpStatus("/healthz"));
    }

    @Test
    void compressionIsNeverNegotiated() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + gw.port
                            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            assertFalse(head.toString().toLowerCase().contains("sec-websocket-extensions"), head.toString());
        }
    }
}
