package dev.talon.itests;

import static dev.talon.itests.WsTestClient.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.talon.gateway.api.DevicePairing;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.osgi.framework.Bundle;
import tools.jackson.databind.JsonNode;

/** Paired devices and their tokens survive a restart of the core bundle (the store is on disk, not in the bundle). */
public class PairingPersistenceIT extends GatewayTestSupport {

    /** A signed cli/cli operator connect, as the official CLI makes it. */
    private static Map<String, Object> signedConnect(KeyPair pair, JsonNode challenge, String token, String deviceToken)
            throws Exception {
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        String id =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        String nonce = text(challenge.path("payload").path("nonce"));
        long ts = challenge.path("payload").path("ts").asLong();
        String signed = token != null ? token : deviceToken;
        String payload = String.join(
                "|",
                "v3",
                id,
                "cli",
                "cli",
                "operator",
                "operator.read",
                String.valueOf(ts),
                signed,
                nonce,
                "linux",
                "");
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(payload.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> p = WsTestClient.connectParams("cli", "cli", null, "operator.read");
        p.put("scopes", List.of("operator.read"));
        Map<String, Object> auth = new LinkedHashMap<>();
        if (token != null) {
            auth.put("token", token);
        }
        if (deviceToken != null) {
            auth.put("deviceToken", deviceToken);
        }
        p.put("auth", auth);
        p.put(
                "device",
                Map.of(
                        "id",
                        id,
                        "publicKey",
                        b64.encodeToString(raw),
                        "signature",
                        b64.encodeToString(s.sign()),
                        "signedAt",
                        ts,
                        "nonce",
                        nonce));
        return p;
    }

    private static JsonNode connect(KeyPair pair, String token, String deviceToken) throws Exception {
        try (WsTestClient c = WsTestClient.open(port())) {
            JsonNode challenge = c.awaitChallenge();
            return c.connect(signedConnect(pair, challenge, token, deviceToken));
        }
    }

    @Test
    public void aPairedDeviceAndItsTokenSurviveARestartOfTheCoreBundle() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JsonNode first = connect(pair, TOKEN, null);
        assertTrue("paired silently on loopback: " + first, first.path("ok").asBoolean());
        String deviceToken = text(first.path("payload").path("auth").path("deviceToken"));
        String deviceId = service(DevicePairing.class).paired().get(0).deviceId();

        Bundle core = Arrays.stream(context().getBundles())
                .filter(b -> "dev.talon.gateway.core".equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow();
        core.stop();
        core.start();
        awaitGatewayReady();

        DevicePairing after = service(DevicePairing.class);
        Await.until("the device is listed after the restart", Duration.ofSeconds(10), () -> after.paired().stream()
                .anyMatch(d -> d.deviceId().equals(deviceId)));
        JsonNode again = connect(pair, null, deviceToken);
        assertTrue("the device token still works: " + again, again.path("ok").asBoolean());
        assertEquals("device-token", text(again.path("payload").path("auth").path("method")));
    }
}
