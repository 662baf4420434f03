package dev.talon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Brute-force protection of the handshake (SECURITY.md S-12), against the real daemon. */
class AuthRateLimitIT {
    private static final List<String> READ = List.of("operator.read");

    private static JsonNode attempt(GatewayProcess gw, String token) throws Exception {
        try (WsClient c = WsClient.open(gw.url())) {
            return c.request("connect", WsClient.connectParams("cli", "cli", token, READ));
        }
    }

    @Test
    void tenWrongTokensLockTheClientOutEvenWithTheRightOne() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-rate");
        Files.writeString(
                state.resolve("talon.json"),
                "{\"gateway\":{\"auth\":{\"token\":\"rate-token-0123456789abcdef\","
                        + "\"rateLimit\":{\"maxAttempts\":10,\"exemptLoopback\":false}}}}");
        try (GatewayProcess gw = GatewayProcess.start(state).awaitReady()) {
            for (int i = 0; i < 10; i++) {
                assertEquals(
                        "AUTH_TOKEN_MISMATCH",
                        attempt(gw, "wrong-" + i)
                                .path("error")
                                .path("details")
                                .path("code")
                                .asString());
            }
            JsonNode locked = attempt(gw, "rate-token-0123456789abcdef");
            assertEquals(
                    "AUTH_RATE_LIMITED",
                    locked.path("error").path("details").path("code").asString(),
                    locked.toString());
            assertTrue(locked.path("error").path("retryable").asBoolean());
            assertTrue(locked.path("error").path("retryAfterMs").asLong() > 0);
        }
    }

    @Test
    void aLoopbackClientIsSlowedDownButNeverLockedOut() throws Exception {
        Path state = Files.createTempDirectory("talon-e2e-rate-lo");
        Files.writeString(
                state.resolve("talon.json"), "{\"gateway\":{\"auth\":{\"token\":\"rate-token-0123456789abcdef\"}}}");
        try (GatewayProcess gw = GatewayProcess.start(state).awaitReady()) {
            for (int i = 0; i < 12; i++) {
                assertEquals(
                        "AUTH_TOKEN_MISMATCH",
                        attempt(gw, "wrong-" + i)
                                .path("error")
                                .path("details")
                                .path("code")
                                .asString());
            }
            assertTrue(
                    attempt(gw, "rate-token-0123456789abcdef").path("ok").asBoolean(), "the right token still works");
        }
    }
}
