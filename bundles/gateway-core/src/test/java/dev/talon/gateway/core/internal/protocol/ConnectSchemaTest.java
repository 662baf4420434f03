package dev.talon.gateway.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.json.Json;
import org.junit.jupiter.api.Test;

class ConnectSchemaTest {
    private final SchemaCheck schema = new SchemaCheck("/schema/protocol/connect-params.json");

    @Test
    void theOfficialCliConnectIsValid() {
        assertNull(schema.problems(Json.parse("""
                {"minProtocol":4,"maxProtocol":4,"client":{"id":"cli","version":"2026.9.6","platform":"linux",
                 "deviceFamily":"Linux","mode":"cli","instanceId":"03c6a8b9"},"caps":[],"auth":{"token":"t"},
                 "role":"operator","scopes":["operator.read"]}""")));
    }

    @Test
    void missingFieldsUnknownKeysAndBadEnumsAreRejected() {
        assertNotNull(schema.problems(Json.parse("{\"minProtocol\":4}")));
        String unknownClient = schema.problems(
                Json.parse(
                        "{\"minProtocol\":4,\"maxProtocol\":4,\"client\":{\"id\":\"nope\",\"version\":\"1\",\"platform\":\"x\",\"mode\":\"cli\"}}"));
        assertNotNull(unknownClient);
        String extra = schema.problems(
                Json.parse(
                        "{\"minProtocol\":4,\"maxProtocol\":4,\"client\":{\"id\":\"cli\",\"version\":\"1\",\"platform\":\"x\",\"mode\":\"cli\"},\"bogus\":1}"));
        assertTrue(extra.contains("bogus"), extra);
    }
}
