package dev.talon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The canvas host of the shipped distribution: documents, traversal, capability URLs for nodes. */
class CanvasIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String DOC = "/__openclaw__/canvas/documents/e2e-doc/index.html";
    private static GatewayProcess gw;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayProcess.start(Files.createTempDirectory("talon-e2e-canvas")).awaitReady();
        token = gw.generatedToken();
        GatewayProcess.await(
                Duration.ofSeconds(15), () -> gw.httpStatus("/__openclaw__/canvas/") == 200, "canvas host up");
        Path doc = gw.stateDir.resolve("data/canvas/documents/e2e-doc/index.html");
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, "<h1>e2e canvas document</h1>");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> local(String path) throws IOException, InterruptedException {
        return get("http://127.0.0.1:" + gw.port + path);
    }

    @Test
    void aCanvasDocumentIsServedWithItsContentType() throws Exception {
        HttpResponse<String> res = local(DOC);
        assertEquals(200, res.statusCode());
        assertEquals("<h1>e2e canvas document</h1>", res.body());
        assertEquals(
                "text/html; charset=utf-8",
                res.headers().firstValue("Content-Type").orElse(""));
        assertEquals(
                "nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(
                404, local("/__openclaw__/canvas/documents/missing/index.html").statusCode());
        assertEquals(200, local("/__openclaw__/a2ui/a2ui.js").statusCode());
    }

    @Test
    void traversalAttemptsNeverReachTheStateDirectory() throws Exception {
        for (String p : List.of(
                "/__openclaw__/canvas/%2e%2e/%2e%2e/talon.json",
                "/__openclaw__/canvas/..%2f..%2ftalon.json",
                "/__openclaw__/canvas/%2E%2E/%2E%2E/talon.json",
                "/__openclaw__/canvas/..%5c..%5ctalon.json",
                "/__openclaw__/canvas/documents/%252e%252e/%252e%252e/talon.json")) {
            HttpResponse<String> res = local(p);
            assertTrue(res.statusCode() == 400 || res.statusCode() == 404, p + " -> " + res.statusCode());
            assertFalse(res.body().contains(token), p);
        }
    }

    @Test
    void aCanvasNodeGetsACapabilityUrlThatServesTheCanvasAndCanBeRefreshed() throws Exception {
        DeviceIdentity d = new DeviceIdentity();
        String capUrl;
        try (WsClient n = WsClient.open(gw.url())) {
            JsonNode res = n.request(
                    "connect",
                    d.nodeConnectParams(
                            n.challenge, token, "e2e-canvas", List.of("canvas.present", "canvas.navigate")));
            assertTrue(res.path("ok").asBoolean(), res.toString());
            capUrl =
                    res.path("payload").path("pluginSurfaceUrls").path("canvas").asString();
            assertTrue(capUrl.startsWith("http://127.0.0.1:" + gw.port + "/__openclaw__/cap/"), res.toString());

            HttpResponse<String> viaCap = get(capUrl + DOC);
            assertEquals(200, viaCap.statusCode());
            assertEquals("<h1>e2e canvas document</h1>", viaCap.body());
            assertEquals(200, get(capUrl).statusCode(), "the bare capability URL serves the canvas root");

            JsonNode refreshed = n.request(
                    "node.pluginSurface.refresh",
                    WsClient.JSON.createObjectNode().put("surface", "canvas").put("observedUrl", capUrl));
            assertTrue(refreshed.path("ok").asBoolean(), refreshed.toString());
            JsonNode payload = refreshed.path("payload");
            assertEquals("canvas", payload.path("surface").asString());
            assertTrue(payload.path("expiresAtMs").asLong() > System.currentTimeMillis());
            String fresh = payload.path("pluginSurfaceUrls").path("canvas").asString();
            assertNotEquals(capUrl, fresh);
            assertEquals(200, get(fresh + DOC).statusCode());

            JsonNode unknown = n.request(
                    "node.pluginSurface.refresh",
                    WsClient.JSON.createObjectNode().put("surface", "nope"));
            assertEquals("INVALID_REQUEST", unknown.path("error").path("code").asString(), unknown.toString());
        }
        String after = capUrl;
        GatewayProcess.await(
                Duration.ofSeconds(10),
                () -> statusOf(after + DOC) == 404,
                "the capability dies with its node connection");
    }

    @Test
    void aBadCapabilityIsRefused() throws Exception {
        String forged = "/__openclaw__/cap/" + "A".repeat(43);
        assertEquals(404, local(forged + DOC).statusCode());
        assertEquals(404, local(forged).statusCode());
        assertEquals(404, local("/__openclaw__/cap/").statusCode());
    }

    @Test
    void anOperatorGetsNoPluginSurfaceUrls() throws Exception {
        try (WsClient op = WsClient.connect(gw.url(), token, List.of("operator.read"))) {
            assertTrue(op.hello.path("pluginSurfaceUrls").isMissingNode(), op.hello.toString());
        }
    }

    private static int statusOf(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // SECURITY.md S-20 / R-02: clients that request a large canvas file and never read it hold route threads
    // only; the WebSocket, /healthz and other connections keep working, and excess route requests get 503.
    @Test
    void clientsThatNeverReadACanvasDownloadDoNotStallTheGateway() throws Exception {
        Path big = gw.stateDir.resolve("data/canvas/e2e-big.bin");
        Files.write(big, new byte[64 << 20]);
        List<java.net.Socket> stalled = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                java.net.Socket s = new java.net.Socket();
                s.setReceiveBufferSize(4096);
                s.connect(new java.net.InetSocketAddress("127.0.0.1", gw.port), 2_000);
                s.getOutputStream()
                        .write(("GET /__openclaw__/canvas/e2e-big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                stalled.add(s);
            }
            GatewayProcess.await(
                    Duration.ofSeconds(10),
                    () -> {
                        try {
                            return local("/__openclaw__/canvas/").statusCode() == 503;
                        } catch (IOException | InterruptedException e) {
                            return false;
                        }
                    },
                    "route requests beyond the route threads are refused with 503");
            assertEquals(200, local("/healthz").statusCode());
            try (WsClient c = WsClient.connect(gw.url(), token, List.of("operator.read"))) {
                assertTrue(c.request("health", WsClient.JSON.createObjectNode())
                        .path("ok")
                        .asBoolean());
            }
        } finally {
            for (java.net.Socket s : stalled) {
                s.close();
            }
            Files.delete(big);
        }
        GatewayProcess.await(
                Duration.ofSeconds(15),
                () -> gw.httpStatus("/__openclaw__/canvas/") == 200,
                "the canvas host serves again once the stalled clients are gone");
    }
}
