package dev.talon.e2e;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A client's Ed25519 device identity, signing connects the way the official clients do (v3 payload). */
final class DeviceIdentity {
    private final KeyPair pair;
    final String id;
    final String publicKey;

    DeviceIdentity() throws Exception {
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Connect params for a signed {@code cli}/{@code cli} operator; {@code auth} fields may be null. */
    ObjectNode connectParams(JsonNode challenge, String token, String deviceToken, List<String> scopes)
            throws Exception {
        return connectParams(
                challenge,
                token,
                deviceToken,
                scopes,
                challenge.path("nonce").asString(),
                challenge.path("ts").asLong());
    }

    ObjectNode connectParams(
            JsonNode challenge, String token, String deviceToken, List<String> scopes, String nonce, long signedAt)
            throws Exception {
        ObjectNode p = WsClient.connectParams("cli", "cli", null, scopes);
        ((ObjectNode) p.path("client")).put("deviceFamily", "Linux");
        ObjectNode auth = p.putObject("auth");
        if (token != null) {
            auth.put("token", token);
        }
        if (deviceToken != null) {
            auth.put("deviceToken", deviceToken);
        }
        String signedToken = token != null ? token : deviceToken != null ? deviceToken : "";
        signInto(
                p,
                String.join(
                        "|",
                        "v3",
                        id,
                        "cli",
                        "cli",
                        "operator",
                        String.join(",", scopes),
                        String.valueOf(signedAt),
                        signedToken,
                        nonce,
                        "linux",
                        "linux"),
                nonce,
                signedAt);
        return p;
    }

    /** Connect params for a signed {@code node-host}/{@code node} node declaring {@code commands}. */
    ObjectNode nodeConnectParams(JsonNode challenge, String token, String displayName, List<String> commands)
            throws Exception {
        ObjectNode p = WsClient.JSON.createObjectNode();
        p.put("minProtocol", 4).put("maxProtocol", 4).put("role", "node");
        p.putObject("client")
                .put("id", "node-host")
                .put("displayName", displayName)
                .put("version", "e2e")
                .put("platform", "linux")
                .put("deviceFamily", "Linux")
                .put("mode", "node")
                .put("instanceId", id);
        p.putArray("caps").add("system");
        commands.forEach(p.putArray("commands")::add);
        p.putArray("scopes");
        p.putObject("auth").put("token", token);
        String nonce = challenge.path("nonce").asString();
        long signedAt = challenge.path("ts").asLong();
        String payload = String.join(
                "|",
                "v3",
                id,
                "node-host",
                "node",
                "node",
                "",
                String.valueOf(signedAt),
                token,
                nonce,
                "linux",
                "linux");
        signInto(p, payload, nonce, signedAt);
        return p;
    }

    /** Signs {@code payload} and adds the {@code device} block to connect params {@code p}. */
    private void signInto(ObjectNode p, String payload, String nonce, long signedAt) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(payload.getBytes(StandardCharsets.UTF_8));
        p.putObject("device")
                .put("id", id)
                .put("publicKey", publicKey)
                .put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign()))
                .put("signedAt", signedAt)
                .put("nonce", nonce);
    }
}
