package dev.talon.gateway.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
    private final ConfigValidator validator = new ConfigValidator();

    private List<String> check(String json) {
        return validator.validate(Json.LENIENT.readTree(json));
    }

    @Test
    void aCommentedValidFileHasNoProblems() {
        assertEquals(List.of(), check("""
                {
                  // the gateway
                  "gateway": { "port": 18795, "bind": "loopback", "auth": { "mode": "token", "token": "x" },
                               "heartbeat": 30000, "maxConnections": 10, },
                }
                """));
    }

    @Test
    void nodeCommandListsAreStringArrays() {
        assertEquals(List.of(), check("{gateway:{nodes:{commands:{allow:['camera.snap'], deny:['system.run']}}}}"));
        List<String> problems = check("{gateway:{nodes:{commands:{deny:'system.run'}}}}");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.nodes.commands.deny: "), problems.get(0));
    }

    @Test
    void outOfRangeValuesNameTheKey() {
        List<String> problems = check("{\"gateway\":{\"port\":70000}}");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.port: "), problems.get(0));
    }

    @Test
    void unknownKeysAreReportedWithTheirPath() {
        List<String> problems = check("{\"gateway\":{\"prot\":1}}");
        assertEquals(List.of("gateway.prot: unknown key"), problems);
    }

    @Test
    void wrongTypesAndEnumsAreReported() {
        List<String> problems = check("{\"gateway\":{\"auth\":{\"mode\":\"open\"},\"maxConnections\":\"many\"}}");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("gateway.auth.mode: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("gateway.maxConnections: ")), problems.toString());
    }
}
