package dev.talon.gateway.core.internal.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.talon.gateway.core.internal.pairing.PairingRecords.PendingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairingStoreTest {
    @TempDir
    Path dir;

    private static PendingRequest ask(String device, String key, List<String> scopes) {
        return new PendingRequest(
                "",
                device,
                key,
                "laptop",
                "linux",
                "Linux",
                "cli",
                "cli",
                "operator",
                List.of("operator"),
                scopes,
                "127.0.0.1",
                false,
                false,
                System.currentTimeMillis());
    }

    @Test
    void approvedDevicesAndTokensSurviveAReopen() {
        Path file = dir.resolve("data/pairing.json");
        PairingStore store = new PairingStore(file);
        String requestId = store.request(ask("d1", "k1", List.of("operator.read")))
                .request()
                .requestId();
        store.approve(requestId).orElseThrow();
        String token = store.ensureToken("d1", "operator", List.of("operator.read"))
                .orElseThrow()
                .token();

        PairingStore reopened = new PairingStore(file);
        assertEquals(
                List.of("operator.read"), reopened.device("d1").orElseThrow().scopes());
        assertTrue(reopened.verifyToken("d1", "operator", token).isPresent());
        assertFalse(reopened.verifyToken("d1", "operator", token + "x").isPresent());
    }

    @Test
    void theStoreFileIsPrivateAndNeverLeftHalfWritten() throws Exception {
        Path file = dir.resolve("pairing.json");
        PairingStore store = new PairingStore(file);
        store.request(ask("d1", "k1", List.of()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(Files.exists(dir.resolve("pairing.json.tmp")));
    }

    @Test
    void theSameSurfaceKeepsItsRequestIdAndAChangedOneSupersedesIt() {
        PairingStore store = new PairingStore(dir.resolve("p.json"));
        var first = store.request(ask("d1", "k1", List.of("operator.read")));
        var again = store.request(ask("d1", "k1", List.of("operator.read")));
        assertEquals(first.request().requestId(), again.request().requestId());
        assertFalse(again.fresh());
        var wider = store.request(ask("d1", "k1", List.of("operator.read", "operator.write")));
        assertNotEquals(first.request().requestId(), wider.request().requestId());
        assertEquals(first.request().requestId(), wider.superseded().get(0).requestId());
        assertEquals(1, store.pending().size());
    }

    @Test
    void aRevokedTokenNeverWorksAgainAndARotatedOneReplacesTheOld() {
        PairingStore store = new PairingStore(dir.resolve("p.json"));
        store.approveSilently(ask("d1", "k1", List.of("operator.read")));
        String t1 = store.ensureToken("d1", "operator", List.of("operator.read"))
                .orElseThrow()
                .token();
        assertEquals(
                t1,
                store.ensureToken("d1", "operator", List.of("operator.read"))
                        .orElseThrow()
                        .token(),
                "reused");
        String t2 = store.rotate("d1", "operator", List.of("operator.read"))
                .orElseThrow()
                .token();
        assertFalse(store.verifyToken("d1", "operator", t1).isPresent());
        assertTrue(store.verifyToken("d1", "operator", t2).isPresent());
        assertTrue(store.revoke("d1", "operator"));
        assertFalse(store.verifyToken("d1", "operator", t2).isPresent());
        assertFalse(new PairingStore(dir.resolve("p.json"))
                .verifyToken("d1", "operator", t2)
                .isPresent());
    }

    @Test
    void approvalMergesAnUpgradeIntoTheExistingGrant() {
        PairingStore store = new PairingStore(dir.resolve("p.json"));
        store.approveSilently(ask("d1", "k1", List.of("operator.read")));
        String id = store.request(ask("d1", "k1", List.of("operator.write")))
                .request()
                .requestId();
        assertEquals(
                List.of("operator.read", "operator.write"),
                store.approve(id).orElseThrow().scopes());
        assertTrue(store.reject("nope").isEmpty());
    }

    @Test
    void aNewKeyForTheSameDeviceIdStartsFromNothing() {
        PairingStore store = new PairingStore(dir.resolve("p.json"));
        store.approveSilently(ask("d1", "k1", List.of("operator.admin")));
        store.ensureToken("d1", "operator", List.of("operator.admin"));
        var d = store.approveSilently(ask("d1", "k2", List.of("operator.read")));
        assertEquals(List.of("operator.read"), d.scopes());
        assertTrue(d.tokens().isEmpty());
    }
}
