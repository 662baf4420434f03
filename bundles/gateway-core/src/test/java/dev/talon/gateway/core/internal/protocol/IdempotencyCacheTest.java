package dev.talon.gateway.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.json.RawJson;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotencyCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final IdempotencyCache cache = new IdempotencyCache(now::get);

    @Test
    void aRepeatWhileRunningIsInFlightAndAfterwardsReplaysTheOutcome() {
        assertInstanceOf(IdempotencyCache.Run.class, cache.begin("m:k", "h"));
        assertInstanceOf(IdempotencyCache.InFlight.class, cache.begin("m:k", "h"));
        cache.complete("m:k", new RawJson("{\"ok\":true}"), null);
        var replay = assertInstanceOf(IdempotencyCache.Replay.class, cache.begin("m:k", "h"));
        assertEquals("{\"ok\":true}", replay.payload().json());
    }

    @Test
    void failuresAreReplayedToo() {
        cache.begin("m:k", "h");
        cache.complete("m:k", null, GatewayException.invalidRequest("nope"));
        assertEquals(
                "nope",
                assertInstanceOf(IdempotencyCache.Replay.class, cache.begin("m:k", "h"))
                        .error()
                        .getMessage());
    }

    @Test
    void differentParamsUnderTheSameKeyConflict() {
        cache.begin("m:k", "h1");
        assertInstanceOf(IdempotencyCache.Conflict.class, cache.begin("m:k", "h2"));
    }

    @Test
    void finishedEntriesExpireButRunningOnesAreNeverEvicted() {
        cache.begin("m:running", "h");
        cache.begin("m:done", "h");
        cache.complete("m:done", null, null);
        now.addAndGet(IdempotencyCache.TTL_MS + 1);
        cache.sweep();
        assertEquals(1, cache.size());
        assertInstanceOf(IdempotencyCache.InFlight.class, cache.begin("m:running", "h"));
        assertInstanceOf(IdempotencyCache.Run.class, cache.begin("m:done", "h"));
    }

    @Test
    void theCacheIsBoundedByDroppingTheOldestFinishedEntries() {
        cache.begin("m:running", "h");
        for (int i = 0; i < IdempotencyCache.MAX_ENTRIES + 50; i++) {
            cache.begin("m:" + i, "h");
            cache.complete("m:" + i, null, null);
            now.incrementAndGet();
        }
        cache.sweep();
        assertEquals(IdempotencyCache.MAX_ENTRIES, cache.size());
        assertInstanceOf(IdempotencyCache.InFlight.class, cache.begin("m:running", "h"));
        assertInstanceOf(IdempotencyCache.Run.class, cache.begin("m:0", "h"), "the oldest finished entry went first");
    }

    @Test
    void theBoundHoldsBetweenSweepsUnderABurstOfKeyedCalls() {
        cache.begin("m:running", "h");
        for (int i = 0; i < 20 * IdempotencyCache.MAX_ENTRIES; i++) {
            cache.begin("m:" + i, "h");
            cache.complete("m:" + i, null, null);
        }
        assertEquals(IdempotencyCache.MAX_ENTRIES, cache.size(), "no sweep ran, the bound still held");
        assertInstanceOf(IdempotencyCache.InFlight.class, cache.begin("m:running", "h"));
    }

    @Test
    void paramsFingerprintIsTheTextForShortParamsAndADigestForLongOnes() {
        var json = dev.talon.gateway.core.internal.json.Json.WIRE;
        String a = Dispatcher.paramsFingerprint(json.readTree("{\"k\":\"1\",\"p\":[1]}"));
        assertEquals("={\"k\":\"1\",\"p\":[1]}", a);
        org.junit.jupiter.api.Assertions.assertNotEquals(
                a, Dispatcher.paramsFingerprint(json.readTree("{\"k\":\"1\",\"p\":[2]}")));
        String big = "x".repeat(Dispatcher.FINGERPRINT_TEXT_MAX);
        String h1 = Dispatcher.paramsFingerprint(json.readTree("{\"k\":\"" + big + "1\"}"));
        String h2 = Dispatcher.paramsFingerprint(json.readTree("{\"k\":\"" + big + "2\"}"));
        assertEquals(65, h1.length());
        org.junit.jupiter.api.Assertions.assertTrue(h1.startsWith("#"));
        org.junit.jupiter.api.Assertions.assertNotEquals(h1, h2);
    }
}
