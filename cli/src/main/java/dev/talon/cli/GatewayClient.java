package dev.talon.cli;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Performs one gateway RPC the way the official CLI does: a fresh WebSocket, {@code connect.challenge},
 * {@code connect} (expecting {@code hello-ok}), one {@code req}, its {@code res}, close 1000. Events that arrive
 * meanwhile are ignored. Blocking; safe to use from one thread at a time per call.
 *
 * <pre>{@code
 * Exchange ex = new GatewayClient(json, "0.1.0").call(target, List.of("operator.read"), "health", null, timeout);
 * if (ex.ok()) print(ex.payload());
 * }</pre>
 */
public final class GatewayClient {
    /** How long to wait for the server's first frame, {@code connect.challenge}. */
    static final Duration CHALLENGE_TIMEOUT = Duration.ofSeconds(10);
    /** Read-only scope set used by health, status and system-presence. */
    public static final List<String> READ_SCOPES = List.of("operator.read");
    /** The full operator scope set used by {@code call} and {@code shell}. */
    public static final List<String> ADMIN_SCOPES =
            List.of("operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing");

    private final JsonMapper json;
    private final String clientVersion;
    private final Duration challengeTimeout;

    public GatewayClient(JsonMapper json, String clientVersion) {
        this(json, clientVersion, CHALLENGE_TIMEOUT);
    }

    GatewayClient(JsonMapper json, String clientVersion, Duration challengeTimeout) {
        this.json = json;
        this.clientVersion = clientVersion;
        this.challengeTimeout = challengeTimeout;
    }

    /**
     * The outcome of one RPC.
     *
     * @param hello the {@code hello-ok} payload
     * @param response the whole {@code res} frame of the request
     * @param elapsedMillis time from sending the request to receiving its response
     */
    public record Exchange(JsonNode hello, JsonNode response, long elapsedMillis) {
        public boolean ok() {
            return response.path("ok").asBoolean(false);
        }

        public JsonNode payload() {
            return response.path("payload");
        }

        public JsonNode error() {
            return response.path("error");
        }

        /** {@code error: <code>: <message>} for a failed response. */
        public String errorLine() {
            return "error: " + error().path("code").asString("UNKNOWN") + ": "
                    + error().path("message").asString("(no message)");
        }
    }

    /**
     * Connects, calls {@code method} with {@code params} (omitted when null) and returns the response, which may
     * be {@code ok:false}.
     *
     * @throws CliException when the gateway is unreachable, rejects the connect, closes early or times out
     */
    public Exchange call(GatewayTarget target, List<String> scopes, String method, JsonNode params, Duration timeout) {
        try (WsConnection ws = WsConnection.open(target.url(), timeout)) {
            awaitChallenge(ws);
            String connectId = "1:" + UUID.randomUUID();
            ws.send(json.writeValueAsString(connectFrame(connectId, target, scopes)), timeout);
            JsonNode hello = awaitResponse(ws, connectId, "connect", deadline(challengeTimeout.plus(timeout)));
            checkHello(hello);
            String requestId = "2:" + UUID.randomUUID();
            ObjectNode req = json.createObjectNode()
                    .put("type", "req")
                    .put("id", requestId)
                    .put("method", method);
            if (params != null) {
                req.set("params", params);
            }
            long start = System.nanoTime();
            ws.send(json.writeValueAsString(req), timeout);
            JsonNode res = awaitResponse(ws, requestId, method, deadline(timeout));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new Exchange(hello.path("payload"), res, elapsed);
        }
    }

    private void awaitChallenge(WsConnection ws) {
        long deadline = deadline(challengeTimeout);
        for (JsonNode frame = nextFrame(ws, deadline); frame != null; frame = nextFrame(ws, deadline)) {
            if ("event".equals(frame.path("type").asString("")) && "connect.challenge".equals(eventName(frame))) {
                return;
            }
        }
        throw new CliException(
                "no connect.challenge from " + ws.url() + " within " + challengeTimeout.toMillis() + " ms",
                CliException.FAILURE);
    }

    private JsonNode awaitResponse(WsConnection ws, String id, String method, long deadline) {
        for (JsonNode frame = nextFrame(ws, deadline); frame != null; frame = nextFrame(ws, deadline)) {
            if ("res".equals(frame.path("type").asString(""))
                    && id.equals(frame.path("id").asString(""))) {
                return frame;
            }
        }
        throw new CliException("no response to " + method + " from " + ws.url() + " in time", CliException.FAILURE);
    }

    /** The next JSON object frame; malformed frames are skipped. Null on deadline. */
    private JsonNode nextFrame(WsConnection ws, long deadline) {
        for (String text = ws.next(deadline); text != null; text = ws.next(deadline)) {
            try {
                JsonNode node = json.readTree(text);
                if (node.isObject()) {
                    return node;
                }
            } catch (JacksonException e) {
                // not JSON: ignore like the official clients do
            }
        }
        return null;
    }

    private static void checkHello(JsonNode res) {
        if (!res.path("ok").asBoolean(false)) {
            JsonNode error = res.path("error");
            String code = error.path("details").path("code").asString("");
            String suffix = code.isEmpty() ? "" : " (" + code + ")";
            throw new CliException(
                    "connect rejected: " + error.path("message").asString("unknown error") + suffix,
                    CliException.FAILURE);
        }
        String type = res.path("payload").path("type").asString("");
        if (!"hello-ok".equals(type)) {
            throw new CliException("unexpected connect response (payload type '" + type + "')", CliException.FAILURE);
        }
    }

    ObjectNode connectFrame(String id, GatewayTarget target, List<String> scopes) {
        ObjectNode params = json.createObjectNode().put("minProtocol", 4).put("maxProtocol", 4);
        params.putObject("client")
                .put("id", "cli")
                .put("version", clientVersion)
                .put("platform", platform())
                .put("mode", "cli")
                .put("instanceId", UUID.randomUUID().toString());
        params.putArray("caps");
        params.put("role", "operator");
        scopes.forEach(params.putArray("scopes")::add);
        if (target.token() != null || target.password() != null) {
            ObjectNode auth = params.putObject("auth");
            if (target.token() != null) {
                auth.put("token", target.token());
            }
            if (target.password() != null) {
                auth.put("password", target.password());
            }
        }
        ObjectNode frame =
                json.createObjectNode().put("type", "req").put("id", id).put("method", "connect");
        frame.set("params", params);
        return frame;
    }

    /** Node-style platform names, as the official CLI sends them. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
    }

    private static String eventName(JsonNode frame) {
        return frame.path("event").asString("");
    }

    private static long deadline(Duration d) {
        return System.nanoTime() + d.toNanos();
    }
}
