package dev.talon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Device identity, pairing and device tokens against the real distribution. */
class DevicePairingIT {
    private static final List<String> ADMIN = List.of("operator.admin");

    private static JsonNode signedConnect(WsClient c, DeviceIdentity d, String token, String deviceToken)
            throws Exception {
        return c.request("connect", d.connectParams(c.challenge, token, deviceToken, ADMIN));
    }

    @Test
    void aLocalDeviceIsPairedSilentlyAndItsTokenWorksUntilRevoked() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-dev");
        try (GatewayProcess gw = GatewayProcess.start(state).awaitReady()) {
            String shared = gw.generatedToken();
            DeviceIdentity d = new DeviceIdentity();
            String deviceToken;
            try (WsClient c = WsClient.open(gw.url())) {
                JsonNode hello = signedConnect(c, d, shared, null).path("payload");
                deviceToken = hello.path("auth").path("deviceToken").asString();
                assertEquals(43, deviceToken.length(), hello.toString());
                assertEquals(
                        ADMIN, List.of(hello.path("auth").path("scopes").path(0).asString()));
            }
            try (WsClient c = WsClient.open(gw.url())) {
                JsonNode res = signedConnect(c, d, null, deviceToken);
                assertEquals(
                        "device-token",
                        res.path("payload").path("auth").path("method").asString(),
                        res.toString());
                assertEquals(
                        deviceToken,
                        res.path("payload").path("auth").path("deviceToken").asString(),
                        "token reused");
            }
            var shell = GatewayProcess.cli(state, java.util.Map.of(), "shell", "--url", gw.url(), "talon:devices");
            assertEquals(0, shell.exit(), shell.err());
            assertTrue(shell.out().contains(d.id), shell.out());
            try (WsClient c = WsClient.open(gw.url())) {
                JsonNode res = signedConnect(c, d, null, "not-the-token");
                assertEquals(
                        "AUTH_DEVICE_TOKEN_MISMATCH",
                        res.path("error").path("details").path("code").asString());
                assertEquals(1008, c.awaitClose());
            }
            try (WsClient session = WsClient.open(gw.url());
                    WsClient admin = WsClient.connect(gw.url(), shared, ADMIN)) {
                assertTrue(
                        signedConnect(session, d, null, deviceToken).path("ok").asBoolean());
                JsonNode revoked = admin.request(
                        "device.token.revoke",
                        WsClient.JSON.readTree("{\"deviceId\":\"" + d.id + "\",\"role\":\"operator\"}"));
                assertTrue(revoked.path("ok").asBoolean(), revoked.toString());
                assertEquals(4001, session.awaitClose());
            }
            try (WsClient c = WsClient.open(gw.url())) {
                JsonNode res = signedConnect(c, d, null, deviceToken);
                assertEquals(
                        "AUTH_DEVICE_TOKEN_MISMATCH",
                        res.path("error").path("details").path("code").asString());
            }
        }
    }

    @Test
    void badDeviceProofsAreRefusedWithTheirCodes() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-proof");
        try (GatewayProcess gw = GatewayProcess.start(state).awaitReady()) {
            String shared = gw.generatedToken();
            DeviceIdentity d = new DeviceIdentity();
            try (WsClient c = WsClient.open(gw.url())) {
                JsonNode res = c.request(
                        "connect",
                        d.connectParams(
                                c.challenge,
                                shared,
                                null,
                                ADMIN,
                                "other-nonce",
                                c.challenge.path("ts").asLong()));
                assertEquals(
                        "DEVICE_AUTH_NONCE_MISMATCH",
                        res.path("error").path("details").path("code").asString());
                assertEquals(1008, c.awaitClose());
            }
            try (WsClient c = WsClient.open(gw.url())) {
                JsonNode res = c.request(
                        "connect",
                        d.connectParams(
                                c.challenge,
                                shared,
                                null,
                                ADMIN,
                                c.challenge.path("nonce").asString(),
                                c.challenge.path("ts").asLong() - 200_000));
                assertEquals(
                        "DEVICE_AUTH_SIGNATURE_EXPIRED",
                        res.path("error").path("details").path("code").asString());
            }
        }
    }

    @Test
    void withAutoApprovalOffADeviceWaitsForAnOperatorAndStaysPairedAcrossARestart() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-pair");
        Files.writeString(
                state.resolve("talon.json"),
                "{ \"gateway\": { \"auth\": { \"token\": \"pair-token-0123456789abcdef\" },"
                        + " \"nodes\": { \"pairing\": { \"autoApproveLocal\": false } } } }");
        String shared = "pair-token-0123456789abcdef";
        DeviceIdentity d = new DeviceIdentity();
        String requestId;
        try (GatewayProcess gw = GatewayProcess.start(state).awaitReady();
                WsClient admin = WsClient.connect(gw.url(), shared, ADMIN)) {
            try (WsClient c = WsClient.open(gw.url())) {
                JsonNode res = signedConnect(c, d, shared, null);
                assertEquals("NOT_PAIRED", res.path("error").path("code").asString(), res.toString());
                JsonNode details = res.path("error").path("details");
                assertEquals("PAIRING_REQUIRED", details.path("code").asString());
                assertEquals("not-paired", details.path("reason").asString());
                requestId = details.path("requestId").asString();
                assertEquals(1008, c.awaitClose());
                assertTrue(c.closeReason.contains("(requestId: " + requestId + ")"), c.closeReason);
            }
            assertEquals(
                    requestId,
                    admin.awaitEvent("device.pair.requested")
                            .path("payload")
                            .path("requestId")
                            .asString());
            JsonNode list = admin.request("device.pair.list", WsClient.JSON.createObjectNode());
            assertEquals(
                    requestId,
                    list.path("payload")
                            .path("pending")
                            .path(0)
                            .path("requestId")
                            .asString(),
                    list.toString());
            var listed = GatewayProcess.cli(state, java.util.Map.of(), "devices", "list", "--url", gw.url());
            assertEquals(0, listed.exit(), listed.err());
            assertTrue(listed.out().contains(requestId), listed.out());
            var approved =
                    GatewayProcess.cli(state, java.util.Map.of(), "devices", "approve", requestId, "--url", gw.url());
            assertEquals(0, approved.exit(), approved.err());
            assertEquals(
                    "approved",
                    admin.awaitEvent("device.pair.resolved")
                            .path("payload")
                            .path("decision")
                            .asString());
            try (WsClient c = WsClient.open(gw.url())) {
                assertTrue(signedConnect(c, d, shared, null).path("ok").asBoolean());
            }
        }
        try (GatewayProcess again = GatewayProcess.start(state).awaitReady();
                WsClient c = WsClient.open(again.url())) {
            JsonNode res = signedConnect(c, d, shared, null);
            assertTrue(res.path("ok").asBoolean(), "still paired after a restart: " + res);
            assertFalse(res.path("payload")
                    .path("auth")
                    .path("deviceToken")
                    .asString()
                    .isEmpty());
        }
    }
}
