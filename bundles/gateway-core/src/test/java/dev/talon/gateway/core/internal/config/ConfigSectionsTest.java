package dev.talon.gateway.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConfigSectionsTest {
    private static final String CANVAS = ConfigSections.CANVAS.pid();
    private final ConfigValidator validator = new ConfigValidator();

    private static JsonNode file(String json) {
        return Json.LENIENT.readTree(json);
    }

    private static Map<String, Object> canvas(String json) {
        return new ConfigSources(Map.of(), k -> null)
                .merge(file(json))
                .sections()
                .get(CANVAS);
    }

    @Test
    void theSpecKeyFeedsTheCanvasPidAndIsMarkedAsComingFromTalonJson() {
        Map<String, Object> p = canvas(
                "{plugins:{entries:{canvas:{config:{host:{root:'/srv/canvas', enabled:false, capabilityTtlMs:60000}}}}}}");
        assertEquals("/srv/canvas", p.get("root"));
        assertEquals(false, p.get("enabled"));
        assertEquals(60_000L, p.get("capabilityTtlMs"));
        assertEquals(ConfigSections.SOURCE, p.get(ConfigSections.SOURCE_PROPERTY));
    }

    @Test
    void theLegacyKeyIsAcceptedAndThePluginKeyWins() {
        assertEquals("/legacy", canvas("{canvasHost:{root:'/legacy'}}").get("root"));
        assertEquals(
                "/plugin",
                canvas("{canvasHost:{root:'/legacy', enabled:false},"
                                + " plugins:{entries:{canvas:{config:{host:{root:'/plugin'}}}}}}")
                        .get("root"));
        assertEquals(
                false,
                canvas("{canvasHost:{enabled:false}, plugins:{entries:{canvas:{config:{host:{root:'/p'}}}}}}")
                        .get("enabled"));
    }

    @Test
    void aFileWithoutCanvasKeysLeavesThePidAlone() {
        assertNull(canvas("{gateway:{port:18795}}"));
        assertNull(new ConfigSources(Map.of(), k -> null).merge(null).sections().get(CANVAS));
    }

    @Test
    void theSchemaAcceptsBothShapesAndNamesTheKeyOfABadValue() {
        assertEquals(
                List.of(),
                validator.validate(file("{plugins:{entries:{canvas:{config:{host:{root:'~/canvas', enabled:true}}}}},"
                        + " canvasHost:{root:'/srv/c'}}")));
        assertProblem("{plugins:{entries:{canvas:{config:{host:{root:'relative/dir'}}}}}}", "plugins.entries.canvas");
        assertProblem("{plugins:{entries:{canvas:{config:{host:{enabled:'yes'}}}}}}", "plugins.entries.canvas");
        assertProblem("{plugins:{entries:{canvas:{config:{host:{capabilityTtlMs:5}}}}}}", "plugins.entries.canvas");
        assertProblem("{canvasHost:{root:42}}", "canvasHost.root");
        assertProblem("{canvasHost:{port:18793}}", "canvasHost");
        assertProblem("{plugins:{entries:{kanvas:{}}}}", "plugins.entries");
    }

    @Test
    void loggingKeysFeedTheLoggingPidAndBadLevelsAreNamed() {
        Map<String, Object> p = new ConfigSources(Map.of(), k -> null)
                .merge(file("{logging:{level:'debug', consoleLevel:'silent', maxFileBytes:1048576}}"))
                .sections()
                .get(ConfigSections.LOGGING.pid());
        assertEquals("debug", p.get("level"));
        assertEquals("silent", p.get("consoleLevel"));
        assertEquals(1_048_576L, p.get("maxFileBytes"));
        assertNull(canvas("{logging:{level:'info'}}"));
        assertEquals(List.of(), validator.validate(file("{logging:{level:'trace', consoleLevel:'fatal'}}")));
        assertProblem("{logging:{level:'loud'}}", "logging.level");
        assertProblem("{logging:{maxFileBytes:10}}", "logging.maxFileBytes");
        assertProblem("{logging:{file:'/tmp/x.log'}}", "logging");
    }

    private void assertProblem(String json, String keyPrefix) {
        List<String> problems = validator.validate(file(json));
        assertEquals(1, problems.size(), json + " -> " + problems);
        assertTrue(problems.get(0).startsWith(keyPrefix), problems.get(0));
    }
}
