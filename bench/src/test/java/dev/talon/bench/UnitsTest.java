package dev.talon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void histogramPercentilesAreWithinBucketError() {
        Histo h = new Histo();
        for (int i = 1; i <= 10_000; i++) {
            h.recordNanos(i * 1_000_000L);
        }
        assertEquals(5000, h.percentileMillis(50), 5000 * 0.02);
        assertEquals(9900, h.percentileMillis(99), 9900 * 0.02);
        assertEquals(10_000, h.maxMillis());
        for (int i = 0; i < 2200; i++) {
            assertTrue(Histo.lowerBound(i) < Histo.lowerBound(i + 1));
            assertEquals(i, Histo.index(Histo.lowerBound(i)));
        }
    }

    @Test
    void v3PayloadMatchesTheSpecLayout() {
        String p = Frames.v3Payload("abc", List.of("operator.read", "operator.write"), 1737264000000L, "s3cret", "n1");
        assertEquals("v3|abc|cli|cli|operator|operator.read,operator.write|1737264000000|s3cret|n1|linux|", p);
        assertEquals("macos 15.3 é", Frames.normalize("  MacOS 15.3 é "));
    }

    @Test
    void nodeV3PayloadHasEmptyScopesAndTheDeviceFamily() {
        ClientInfo node = ClientInfo.node("bench-node-0", List.of("system"), List.of("system.which"));
        assertEquals(
                "v3|abc|node-host|node|node||1737264000000|t|n1|linux|linux",
                Frames.v3Payload("abc", node, List.of(), 1737264000000L, "t", "n1"));
    }

    @Test
    void payloadStringReadsOneNestedField() {
        String f = "{\"type\":\"event\",\"event\":\"node.invoke.request\",\"payload\":"
                + "{\"nodeId\":\"n\",\"x\":{\"id\":\"no\"},\"id\":\"inv-1\"}}";
        assertEquals("inv-1", Frames.payloadString(f, "id"));
        assertEquals(null, Frames.payloadString(f, "missing"));
    }

    @Test
    void invokeParamsRoundRobinWithUniqueKeys() {
        RpcLoad.Params p = InvokeBench.params(List.of("A", "B"));
        String a = p.json(0, 1);
        String b = p.json(0, 2);
        assertTrue(a.contains("\"nodeId\":\"B\"") && b.contains("\"nodeId\":\"A\""), a + b);
        assertTrue(!Frames.tree(a).path("idempotencyKey").equals(Frames.tree(b).path("idempotencyKey")));
        assertEquals("uname", Frames.tree(a).path("params").path("bins").path(0).asString());
    }

    @Test
    void deviceIdIsSha256OfTheRawKey() {
        DeviceIdentity d = DeviceIdentity.generate();
        assertEquals(64, d.id().length());
        assertEquals(43, d.publicKey().length());
    }

    @Test
    void commandLinesSplitOnWhitespaceAndQuotes() {
        assertEquals(List.of("a", "b c", "d"), ChildProcess.split(" a 'b c'   \"d\" "));
    }

    @Test
    void framesParseStopsAtKeyFields() {
        Frames.Frame f = Frames.parse(
                "{\"type\":\"res\",\"id\":\"3:9\",\"ok\":false,\"error\":{\"code\":\"X\",\"message\":\"m\"}}");
        assertTrue(f.isRes());
        assertEquals("3:9", f.id());
        assertEquals("3:9 X: m", Frames.error(f));
        assertTrue(Frames.parse("{\"type\":\"event\",\"event\":\"presence\",\"payload\":{}}")
                .isEvent("presence"));
    }
}
