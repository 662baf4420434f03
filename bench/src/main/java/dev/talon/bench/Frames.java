package dev.talon.bench;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds the frames the harness sends and reads the few top-level fields it needs back. */
final class Frames {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLIENT_ID = "cli";
    static final String CLIENT_MODE = "cli";
    static final String CLIENT_VERSION = "bench";
    static final String PLATFORM = "linux";
    static final String ROLE = "operator";
    static final int PROTOCOL = 4;

    /** What the harness needs from an inbound frame; {@code raw} keeps the full text. */
    record Frame(String type, String id, boolean ok, String event, String raw) {
        boolean isRes() {
            return "res".equals(type);
        }

        boolean isEvent(String name) {
            return "event".equals(type) && name.equals(event);
        }
    }

    private Frames() {}

    /** Scans top-level fields only, stopping once {@code type} and its key fields are known. */
    static Frame parse(String text) {
        String type = null, id = null, event = null;
        boolean ok = false, haveOk = false;
        JsonScan scan = JsonScan.object(text);
        while (scan.next()) {
            if (scan.keyIs("type")) {
                type = scan.stringValue();
            } else if (scan.keyIs("id")) {
                id = scan.stringValue();
            } else if (scan.keyIs("event")) {
                event = scan.stringValue();
            } else if (scan.keyIs("ok")) {
                ok = scan.trueValue();
                haveOk = true;
            } else {
                scan.skipValue();
            }
            if (complete(type, id, haveOk, event)) {
                break;
            }
        }
        return new Frame(type, id, ok, event, text);
    }

    private static boolean complete(String type, String id, boolean haveOk, String event) {
        return ("res".equals(type) && id != null && haveOk) || ("event".equals(type) && event != null);
    }

    static JsonNode tree(String text) {
        return JSON.readTree(text);
    }

    /** A request whose id and method are plain ASCII without quotes; params is JSON text. */
    static String request(String id, String method, String paramsJson) {
        return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
    }

    static String systemEvent(String id, String text) {
        ObjectNode params = JSON.createObjectNode().put("text", text);
        return request(id, "system-event", JSON.writeValueAsString(params));
    }

    /** The signed {@code connect} request answering a {@code connect.challenge} (§1.4.2, §2.3, §3.1). */
    static String connect(String id, ConnectSpec spec, String nonce, long ts) {
        ClientInfo who = spec.client();
        ObjectNode params = JSON.createObjectNode();
        params.put("minProtocol", PROTOCOL).put("maxProtocol", PROTOCOL);
        ObjectNode client = params.putObject("client")
                .put("id", who.id())
                .put("version", CLIENT_VERSION)
                .put("platform", who.platform())
                .put("mode", who.mode())
                .put("instanceId", UUID.randomUUID().toString());
        if (who.deviceFamily() != null) {
            client.put("deviceFamily", who.deviceFamily());
        }
        if (who.displayName() != null) {
            client.put("displayName", who.displayName());
        }
        who.caps().forEach(params.putArray("caps")::add);
        if (who.commands() != null) {
            who.commands().forEach(params.putArray("commands")::add);
        }
        params.put("role", who.role());
        spec.scopes().forEach(params.putArray("scopes")::add);
        if (spec.token() != null) {
            params.putObject("auth").put("token", spec.token());
        }
        DeviceIdentity device = spec.device();
        params.putObject("device")
                .put("id", device.id())
                .put("publicKey", device.publicKey())
                .put("signature", device.sign(v3Payload(device.id(), who, spec.scopes(), ts, spec.token(), nonce)))
                .put("signedAt", ts)
                .put("nonce", nonce);
        ObjectNode frame =
                JSON.createObjectNode().put("type", "req").put("id", id).put("method", "connect");
        frame.set("params", params);
        return JSON.writeValueAsString(frame);
    }

    /** The v3 payload of an operator CLI connect. */
    static String v3Payload(String deviceId, List<String> scopes, long signedAt, String token, String nonce) {
        return v3Payload(deviceId, ClientInfo.OPERATOR, scopes, signedAt, token, nonce);
    }

    /** {@code v3|deviceId|clientId|mode|role|scopes|signedAt|token|nonce|platform|deviceFamily}. */
    static String v3Payload(
            String deviceId, ClientInfo who, List<String> scopes, long signedAt, String token, String nonce) {
        return String.join(
                "|",
                "v3",
                deviceId,
                who.id(),
                who.mode(),
                who.role(),
                String.join(",", scopes),
                Long.toString(signedAt),
                token == null ? "" : token,
                nonce,
                normalize(who.platform()),
                who.deviceFamily() == null ? "" : normalize(who.deviceFamily()));
    }

    /**
     * The string field {@code name} of the top-level {@code payload} object, scanned (the rest of the
     * frame is skipped); null when absent or not a string.
     */
    static String payloadString(String text, String name) {
        JsonScan scan = JsonScan.object(text);
        while (scan.next()) {
            if (!scan.keyIs("payload")) {
                scan.skipValue();
                continue;
            }
            JsonScan payload = scan.objectValue();
            if (payload == null) {
                return null;
            }
            while (payload.next()) {
                if (payload.keyIs(name)) {
                    return payload.stringValue();
                }
                payload.skipValue();
            }
            return null;
        }
        return null;
    }

    /** Trim and lower-case ASCII A–Z only, as the server does for platform/deviceFamily. */
    static String normalize(String s) {
        StringBuilder b = new StringBuilder(s.trim());
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                b.setCharAt(i, Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** Human-readable {@code code: message} of a failed {@code res}. */
    static String error(Frame f) {
        JsonNode err = tree(f.raw()).path("error");
        JsonNode d = err.path("details");
        String details = d.path("code").asString(d.path("reason").asString(""));
        return String.format(
                Locale.ROOT,
                "%s %s: %s%s",
                f.id(),
                err.path("code").asString("?"),
                err.path("message").asString("?"),
                details.isEmpty() ? "" : " (" + details + ")");
    }
}
