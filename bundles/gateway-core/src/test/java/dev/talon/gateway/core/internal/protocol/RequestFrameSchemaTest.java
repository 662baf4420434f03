package dev.talon.gateway.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.talon.gateway.core.internal.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher's fast frame check agrees with the published RequestFrame schema on every case. */
class RequestFrameSchemaTest {
    private final SchemaCheck schema = new SchemaCheck("/schema/protocol/request-frame.json");

    @Test
    void theFastPathAndTheSchemaAgree() {
        List<String> frames = List.of(
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\"}",
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"params\":null}",
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"params\":[1,2]}",
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"traceparent\":\"00-a\"}",
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"traceparent\":\"" + "t".repeat(129) + "\"}",
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"expectedProfileId\":\"\"}",
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"expectedProfileId\":\"p\"}",
                "{\"type\":\"res\",\"id\":\"1\",\"method\":\"x\"}",
                "{\"type\":\"req\",\"id\":\"\",\"method\":\"x\"}",
                "{\"type\":\"req\",\"id\":1,\"method\":\"x\"}",
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"\"}",
                "{\"type\":\"req\",\"id\":\"1\"}",
                "{\"type\":\"req\",\"id\":\"1\",\"method\":\"x\",\"extra\":0}",
                "[]",
                "\"req\"",
                "{}");
        for (String f : frames) {
            var node = Json.parse(f);
            assertEquals(schema.problems(node) == null, RequestFrames.problems(node) == null, f);
        }
    }
}
