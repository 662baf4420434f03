package dev.talon.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One connection to the {@link FakeGateway}. */
public final class FakeSession implements Session.Listener.AutoDemanding {
    private final FakeGateway gateway;
    private final String nonce = UUID.randomUUID().toString();
    private final long challengeTs = System.currentTimeMillis();
    private final AtomicLong seq = new AtomicLong();
    private volatile Session session;
    private volatile List<String> scopes;
    private volatile String role = "operator";
    private volatile String nodeId;

    FakeSession(FakeGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        ObjectNode payload = Frames.JSON.createObjectNode().put("nonce", nonce).put("ts", challengeTs);
        send(Frames.JSON
                .createObjectNode()
                .put("type", "event")
                .put("event", "connect.challenge")
                .set("payload", payload));
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode req = Frames.tree(text);
        String id = req.path("id").asString();
        String method = req.path("method").asString();
        if (scopes == null) {
            connect(id, method, req.path("params"));
        } else if (method.equals("health")) {
            respond(id, Frames.JSON.createObjectNode().put("ok", true).put("ts", System.currentTimeMillis()));
        } else if (method.equals("system-event") && scopes.contains("operator.admin")) {
            gateway.systemEvent(req.path("params").path("text").asString());
            respond(id, Frames.JSON.createObjectNode().put("ok", true));
        } else if (method.equals("node.pair.list") && scopes.contains("operator.admin")) {
            respond(id, gateway.pairList());
        } else if (method.equals("node.pair.approve") && scopes.contains("operator.admin")) {
            if (gateway.approve(req.path("params").path("requestId").asString(""))) {
                respond(id, Frames.JSON.createObjectNode().put("ok", true));
            } else {
                fail(id, "INVALID_REQUEST", "unknown requestId", false);
            }
        } else if (method.equals("node.invoke")
                && (scopes.contains("operator.write") || scopes.contains("operator.admin"))) {
            JsonNode p = req.path("params");
            String problem = gateway.invoke(
                    this,
                    id,
                    p.path("nodeId").asString(""),
                    p.path("command").asString(""),
                    Frames.JSON.writeValueAsString(p.path("params")),
                    p.path("idempotencyKey").asString(""));
            if (problem != null) {
                fail(id, "INVALID_REQUEST", problem, false);
            }
        } else if (method.equals("node.invoke.result") && "node".equals(role)) {
            JsonNode p = req.path("params");
            if (!nodeId.equals(p.path("nodeId").asString(""))) {
                fail(id, "INVALID_REQUEST", "nodeId mismatch", false);
            } else {
                boolean known = gateway.invokeResult(
                        p.path("id").asString(""), nodeId, p.path("payloadJSON").asString("null"));
                respond(id, Frames.JSON.createObjectNode().put("ok", true).put("ignored", !known));
            }
        } else {
            fail(id, "FORBIDDEN", "missing scope or unknown method: " + method, false);
        }
    }

    private void connect(String id, String method, JsonNode p) {
        String problem = !method.equals("connect")
                ? "invalid handshake: first request must be connect"
                : !gateway.token.equals(p.path("auth").path("token").asString())
                        ? "unauthorized: gateway token mismatch"
                        : verifyDevice(p);
        if (problem != null) {
            fail(id, "INVALID_REQUEST", problem, true);
            return;
        }
        List<String> granted = new ArrayList<>();
        p.path("scopes").forEach(s -> granted.add(s.asString()));
        role = p.path("role").asString("operator");
        scopes = granted;
        if (granted.contains("operator.read") || granted.contains("operator.admin")) {
            gateway.addReader(this);
        }
        gateway.handshakes.incrementAndGet();
        respond(id, helloOk(granted));
        if ("node".equals(role)) {
            nodeId = p.path("device").path("id").asString();
            gateway.nodeConnected(nodeId, this);
        }
    }

    private String verifyDevice(JsonNode p) {
        JsonNode d = p.path("device");
        try {
            byte[] raw = Base64.getUrlDecoder().decode(d.path("publicKey").asString());
            if (!HexFormat.of()
                    .formatHex(DeviceIdentity.sha256(raw))
                    .equals(d.path("id").asString())) {
                return "device identity mismatch";
            }
            if (!nonce.equals(d.path("nonce").asString())) {
                return "device nonce mismatch";
            }
            byte[] spki = new byte[DeviceIdentity.SPKI_PREFIX.length + raw.length];
            System.arraycopy(DeviceIdentity.SPKI_PREFIX, 0, spki, 0, DeviceIdentity.SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, DeviceIdentity.SPKI_PREFIX.length, raw.length);
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            v.update(v3(p).getBytes(StandardCharsets.UTF_8));
            return v.verify(Base64.getUrlDecoder().decode(d.path("signature").asString()))
                    ? null
                    : "device signature invalid";
        } catch (Exception e) {
            return "device public key invalid: " + e;
        }
    }

    /** Built independently of {@link Frames#v3Payload} from what was actually sent. */
    private static String v3(JsonNode p) {
        List<String> scopes = new ArrayList<>();
        p.path("scopes").forEach(s -> scopes.add(s.asString()));
        JsonNode c = p.path("client");
        return "v3|" + p.path("device").path("id").asString() + "|"
                + c.path("id").asString() + "|"
                + c.path("mode").asString() + "|" + p.path("role").asString("operator") + "|"
                + String.join(",", scopes) + "|"
                + p.path("device").path("signedAt").asLong() + "|"
                + p.path("auth").path("token").asString("") + "|"
                + p.path("device").path("nonce").asString() + "|"
                + c.path("platform").asString("").trim().toLowerCase() + "|"
                + c.path("deviceFamily").asString("").trim().toLowerCase();
    }

    private ObjectNode helloOk(List<String> granted) {
        ObjectNode h = Frames.JSON.createObjectNode().put("type", "hello-ok").put("protocol", 4);
        h.putObject("server")
                .put("version", "fake")
                .put("connId", UUID.randomUUID().toString());
        ObjectNode features = h.putObject("features");
        features.putArray("methods").add("health").add("system-event");
        features.putArray("events").add("connect.challenge").add("presence");
        ObjectNode snapshot = h.putObject("snapshot");
        snapshot.putArray("presence");
        snapshot.putObject("health");
        snapshot.putObject("stateVersion")
                .put("presence", gateway.presenceVersion.get())
                .put("health", 0);
        snapshot.put("uptimeMs", 1);
        ObjectNode auth = h.putObject("auth").put("role", role);
        granted.forEach(auth.putArray("scopes")::add);
        h.putObject("policy")
                .put("maxPayload", 26214400)
                .put("maxBufferedBytes", 52428800)
                .put("tickIntervalMs", 30000);
        return h;
    }

    void sendEvent(String event, String payloadJson, long presenceVersion) {
        session.sendText(
                "{\"type\":\"event\",\"event\":\"" + event + "\",\"payload\":" + payloadJson
                        + ",\"seq\":" + seq.incrementAndGet() + ",\"stateVersion\":{\"presence\":" + presenceVersion
                        + ",\"health\":0}}",
                Callback.NOOP);
    }

    void sendPlainEvent(String event, String payloadJson) {
        session.sendText(
                "{\"type\":\"event\",\"event\":\"" + event + "\",\"payload\":" + payloadJson + "}", Callback.NOOP);
    }

    void respondTo(String id, JsonNode payload) {
        respond(id, payload);
    }

    private void respond(String id, JsonNode payload) {
        ObjectNode res =
                Frames.JSON.createObjectNode().put("type", "res").put("id", id).put("ok", true);
        send(res.set("payload", payload));
    }

    private void fail(String id, String code, String message, boolean close) {
        ObjectNode res =
                Frames.JSON.createObjectNode().put("type", "res").put("id", id).put("ok", false);
        res.putObject("error").put("code", code).put("message", message);
        send(res);
        if (close) {
            session.close(StatusCode.POLICY_VIOLATION, message, Callback.NOOP);
        }
    }

    private void send(JsonNode frame) {
        session.sendText(Frames.JSON.writeValueAsString(frame), Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
        gateway.removeReader(this);
        gateway.nodeGone(nodeId);
    }
}
