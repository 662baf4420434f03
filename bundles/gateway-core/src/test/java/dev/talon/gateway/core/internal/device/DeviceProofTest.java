package dev.talon.gateway.core.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.talon.gateway.api.GatewayException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceProofTest {
    private static final long NOW = 1_737_264_000_000L;

    /** A client identity made with the JDK, as the official clients make theirs with Node's crypto. */
    static final class Identity {
        final KeyPair pair;
        final byte[] raw;

        Identity() throws Exception {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        }

        String id() {
            return DeviceProof.deviceId(raw);
        }

        String publicKey() {
            return DeviceProof.encode(raw);
        }

        String sign(String payload) throws Exception {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return DeviceProof.encode(s.sign());
        }
    }

    private static DeviceProof.Claim claim(Identity id, long signedAt, String nonce) {
        return new DeviceProof.Claim(
                id.id(),
                "cli",
                "cli",
                "operator",
                List.of("operator.read", "operator.write"),
                signedAt,
                "s3cret",
                nonce,
                " Linux ",
                "Linux");
    }

    @Test
    void theStartUpWarmUpRunsAFullVerification() {
        // the same verify path as a connect, with a key made on the spot; must not throw
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(DeviceProof::warmUp);
    }

    @Test
    void theV3PayloadHasTheSpecsShape() throws Exception {
        Identity id = new Identity();
        assertEquals(
                "v3|" + id.id() + "|cli|cli|operator|operator.read,operator.write|" + NOW + "|s3cret|n1|linux|linux",
                claim(id, NOW, "n1").v3());
        assertEquals(
                "v2|" + id.id() + "|cli|cli|operator|operator.read,operator.write|" + NOW + "|s3cret|n1",
                claim(id, NOW, "n1").v2());
    }

    @Test
    void v3AndV2SignaturesVerify() throws Exception {
        Identity id = new Identity();
        var c = claim(id, NOW, "n1");
        assertEquals(
                3,
                DeviceProof.verify(c, id.publicKey(), id.sign(c.v3()), "n1", NOW)
                        .version());
        assertEquals(
                2,
                DeviceProof.verify(c, id.publicKey(), id.sign(c.v2()), "n1", NOW + 1000)
                        .version());
    }

    @Test
    void standardBase64AndPemKeysAreAccepted() throws Exception {
        Identity id = new Identity();
        var c = claim(id, NOW, "n1");
        String std = Base64.getEncoder().encodeToString(id.raw);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(id.pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        String sig = id.sign(c.v3());
        assertEquals(id.publicKey(), DeviceProof.verify(c, std, sig, "n1", NOW).publicKey());
        assertEquals(id.publicKey(), DeviceProof.verify(c, pem, sig, "n1", NOW).publicKey());
    }

    @Test
    void eachFailureHasItsDetailCode() throws Exception {
        Identity id = new Identity();
        Identity other = new Identity();
        var c = claim(id, NOW, "n1");
        String sig = id.sign(c.v3());
        assertCode("DEVICE_AUTH_PUBLIC_KEY_INVALID", () -> DeviceProof.verify(c, "not a key!", sig, "n1", NOW));
        assertCode("DEVICE_AUTH_DEVICE_ID_MISMATCH", () -> DeviceProof.verify(c, other.publicKey(), sig, "n1", NOW));
        assertCode(
                "DEVICE_AUTH_SIGNATURE_EXPIRED", () -> DeviceProof.verify(c, id.publicKey(), sig, "n1", NOW + 120_001));
        assertCode(
                "DEVICE_AUTH_SIGNATURE_EXPIRED", () -> DeviceProof.verify(c, id.publicKey(), sig, "n1", NOW - 120_001));
        assertCode(
                "DEVICE_AUTH_NONCE_REQUIRED",
                () -> DeviceProof.verify(claim(id, NOW, " "), id.publicKey(), sig, "n1", NOW));
        assertCode("DEVICE_AUTH_NONCE_MISMATCH", () -> DeviceProof.verify(c, id.publicKey(), sig, "n2", NOW));
        assertCode(
                "DEVICE_AUTH_SIGNATURE_INVALID",
                () -> DeviceProof.verify(c, id.publicKey(), other.sign(c.v3()), "n1", NOW));
        assertCode("DEVICE_AUTH_SIGNATURE_INVALID", () -> DeviceProof.verify(c, id.publicKey(), "!!", "n1", NOW));
    }

    @Test
    void aSignatureOverDifferentScopesDoesNotVerify() throws Exception {
        Identity id = new Identity();
        var signed = claim(id, NOW, "n1");
        var widened = new DeviceProof.Claim(
                id.id(), "cli", "cli", "operator", List.of("operator.admin"), NOW, "s3cret", "n1", "linux", "linux");
        assertCode(
                "DEVICE_AUTH_SIGNATURE_INVALID",
                () -> DeviceProof.verify(widened, id.publicKey(), id.sign(signed.v3()), "n1", NOW));
    }

    private static void assertCode(String code, org.junit.jupiter.api.function.Executable e) {
        GatewayException x = assertThrows(GatewayException.class, e);
        assertEquals(code, ((Map<?, ?>) x.details()).get("code"), x.getMessage());
    }
}
