package dev.talon.itests;

import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A scripted node inside the test: a real WebSocket client ({@link WsTestClient}) with an Ed25519 device identity
 * that signs its connect the way the official node host does (v3 payload). Loopback only, so the gateway pairs the
 * device silently; its command surface still needs {@code node.pair.approve}. Not thread-safe.
 */
public final class FakeNode implements AutoCloseable {
    /** A device identity: the node id is the SHA-256 of the raw public key. */
    public static final class Identity {
        private final KeyPair pair;
        public final String id;
        final String publicKey;

        public Identity() {
            try {
                pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                id = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
                publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String sign(String payload) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(pair.getPrivate());
                s.update(payload.getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What a node declares at connect. */
    public record Declared(
            String platform,
            String deviceFamily,
            List<String> caps,
            List<String> commands,
            Map<String, Boolean> permissions,
            int minProtocol,
            int maxProtocol) {
        /** A Linux node host on protocol 4 declaring {@code commands}. */
        public static Declared linux(String... commands) {
            return new Declared("linux", "Linux", List.of("system"), List.of(commands), Map.of(), 4, 4);
        }

        public Declared withProtocols(int min, int max) {
            return new Declared(platform, deviceFamily, caps, commands, permissions, min, max);
        }

        public Declared withPermissions(Map<String, Boolean> granted) {
            return new Declared(platform, deviceFamily, caps, commands, granted, minProtocol, maxProtocol);
        }
    }

    public final Identity identity;
    public final WsTestClient ws;
    /** The connect response (hello-ok on success). */
    public final JsonNode connectResponse;

    private FakeNode(Identity identity, WsTestClient ws, JsonNode connectResponse) {
        this.identity = identity;
        this.ws = ws;
        this.connectResponse = connectResponse;
    }

    /** Connects a node with {@code identity}; fails unless hello-ok arrives. */
    public static FakeNode connect(int port, String token, Identity identity, Declared declared) {
        WsTestClient ws = WsTestClient.open(port);
        try {
            JsonNode challenge = ws.awaitChallenge().path("payload");
            JsonNode res = ws.connect(params(identity, declared, token, challenge));
            assertTrue("node connect refused: " + res, res.path("ok").asBoolean(false));
            return new FakeNode(identity, ws, res);
        } catch (RuntimeException | AssertionError e) {
            ws.close();
            throw e;
        }
    }

    /** Connects a node with a new identity. */
    public static FakeNode connect(int port, String token, Declared declared) {
        return connect(port, token, new Identity(), declared);
    }

    public String id() {
        return identity.id;
    }

    /** Waits for the next {@code node.invoke.request} and returns its payload. */
    public JsonNode awaitInvoke() {
        return ws.awaitEvent("node.invoke.request", WsTestClient.WAIT).path("payload");
    }

    /** Answers invoke {@code invokeId} successfully with {@code payloadJson}; returns the gateway's response. */
    public JsonNode result(String invokeId, String payloadJson) {
        return ws.call(
                "node.invoke.result", Map.of("id", invokeId, "nodeId", id(), "ok", true, "payloadJSON", payloadJson));
    }

    /** Sends {@code node.event} with {@code payload} (as {@code payloadJSON}, like the official host). */
    public JsonNode event(String event, Object payload) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event", event);
        p.put("payloadJSON", WsTestClient.JSON.writeValueAsString(payload));
        return ws.call("node.event", p);
    }

    @Override
    public void close() {
        ws.close();
    }

    private static Map<String, Object> params(Identity identity, Declared d, String token, JsonNode challenge) {
        String nonce = challenge.path("nonce").asString();
        long signedAt = challenge.path("ts").asLong();
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("id", "node-host");
        client.put("displayName", "it-node-" + identity.id.substring(0, 8));
        client.put("version", "it");
        client.put("platform", d.platform());
        client.put("deviceFamily", d.deviceFamily());
        client.put("mode", "node");
        client.put("instanceId", identity.id);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("minProtocol", d.minProtocol());
        p.put("maxProtocol", d.maxProtocol());
        p.put("client", client);
        p.put("caps", d.caps());
        p.put("commands", d.commands());
        if (!d.permissions().isEmpty()) {
            p.put("permissions", d.permissions());
        }
        p.put("role", "node");
        p.put("scopes", List.of());
        p.put("auth", Map.of("token", token));
        String payload = String.join(
                "|",
                "v3",
                identity.id,
                "node-host",
                "node",
                "node",
                "",
                String.valueOf(signedAt),
                token,
                nonce,
                d.platform().toLowerCase(Locale.ROOT),
                d.deviceFamily().toLowerCase(Locale.ROOT));
        p.put(
                "device",
                Map.of(
                        "id",
                        identity.id,
                        "publicKey",
                        identity.publicKey,
                        "signature",
                        identity.sign(payload),
                        "signedAt",
                        signedAt,
                        "nonce",
                        nonce));
        return p;
    }
}
