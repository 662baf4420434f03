package dev.talon.gateway.core.internal.device;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Verifies a connect's Ed25519 device proof (protocol §2.2–2.4) with the JDK's EdDSA: the public key
 * normalises to 32 raw bytes, the device id is the hex SHA-256 of those bytes, {@code signedAt} is within
 * ±{@value #SKEW_MS} ms of the server clock, the nonce is this socket's challenge nonce, and the signature
 * verifies over the v3 payload, else the v2 payload. Each failure is the protocol's {@code DEVICE_AUTH_*}
 * error (close 1008). Stateless and thread-safe.
 */
public final class DeviceProof {
    public static final long SKEW_MS = 120_000;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519, before the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final int MAX_KEY_INPUT = 4096;
    /**
     * Decoded keys by their base64url form. Decoding an Ed25519 point costs a modular square root with
     * {@code BigInteger}; devices reconnect with the same key, so it is done once per key. Bounded: cleared
     * when full (keys are public, so a miss only costs time).
     */
    private static final java.util.Map<String, PublicKey> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MAX_CACHED_KEYS = 4096;

    private DeviceProof() {}

    /**
     * What the signature covers, from the connect request.
     *
     * @param deviceId {@code device.id}
     * @param clientId {@code client.id}
     * @param clientMode {@code client.mode}
     * @param role the effective role
     * @param scopes the requested scopes in the order sent
     * @param signedAt {@code device.signedAt}
     * @param token {@code auth.token ?? auth.deviceToken ?? auth.bootstrapToken ?? ""}
     * @param nonce {@code device.nonce}
     * @param platform {@code client.platform}, or null
     * @param deviceFamily {@code client.deviceFamily}, or null
     */
    public record Claim(
            String deviceId,
            String clientId,
            String clientMode,
            String role,
            List<String> scopes,
            long signedAt,
            String token,
            String nonce,
            String platform,
            String deviceFamily) {

        /** The v3 payload string. */
        public String v3() {
            return "v3|" + fields() + "|" + normalize(platform) + "|" + normalize(deviceFamily);
        }

        /** The v2 payload string. */
        public String v2() {
            return "v2|" + fields();
        }

        private String fields() {
            return deviceId + "|" + clientId + "|" + clientMode + "|" + role + "|" + String.join(",", scopes) + "|"
                    + signedAt + "|" + token + "|" + nonce;
        }
    }

    /** A verified proof: the raw key, canonically encoded, and the payload version that verified. */
    public record Verified(String deviceId, String publicKey, int version) {}

    /**
     * @param claim the signed fields
     * @param publicKey {@code device.publicKey} as sent
     * @param signature {@code device.signature} (base64url or base64)
     * @param expectedNonce the nonce of this socket's challenge
     * @param nowMs the server clock
     * @throws GatewayException the protocol's device-auth failure
     */
    public static Verified verify(Claim claim, String publicKey, String signature, String expectedNonce, long nowMs) {
        byte[] raw = rawKey(publicKey);
        if (raw == null) {
            throw failure("DEVICE_AUTH_PUBLIC_KEY_INVALID", "device-public-key", "device public key invalid");
        }
        if (!deviceId(raw).equals(claim.deviceId())) {
            throw failure("DEVICE_AUTH_DEVICE_ID_MISMATCH", "device-id-mismatch", "device identity mismatch");
        }
        if (Math.abs(nowMs - claim.signedAt()) > SKEW_MS) {
            throw failure("DEVICE_AUTH_SIGNATURE_EXPIRED", "device-signature-stale", "device signature expired");
        }
        if (claim.nonce() == null || claim.nonce().isBlank()) {
            throw failure("DEVICE_AUTH_NONCE_REQUIRED", "device-nonce-missing", "device nonce required");
        }
        if (!claim.nonce().equals(expectedNonce)) {
            throw failure("DEVICE_AUTH_NONCE_MISMATCH", "device-nonce-mismatch", "device nonce mismatch");
        }
        byte[] sig = decode(signature);
        PublicKey key = cachedPublicKey(raw);
        if (sig != null && key != null) {
            if (verifies(key, claim.v3(), sig)) {
                return new Verified(claim.deviceId(), encode(raw), 3);
            }
            if (verifies(key, claim.v2(), sig)) {
                return new Verified(claim.deviceId(), encode(raw), 2);
            }
        }
        throw failure("DEVICE_AUTH_SIGNATURE_INVALID", "device-signature", "device signature invalid");
    }

    /**
     * Verifies one freshly made proof through {@link #verify}, so that the JDK's EdDSA classes, tables and the
     * per-thread verifier exist before the first device connects. The throw-away key is not cached.
     */
    public static void warmUp() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            long now = System.currentTimeMillis();
            Claim claim = new Claim(
                    deviceId(raw), "cli", "cli", "operator", List.of("operator.read"), now, "", "warm-up", "linux", "");
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(claim.v3().getBytes(StandardCharsets.UTF_8));
            verify(claim, encode(raw), encode(signer.sign()), "warm-up", now);
            KEYS.remove(encode(raw));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /** Lower-case hex SHA-256 of the raw key bytes. */
    public static String deviceId(byte[] rawKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 32 raw key bytes of a base64url, base64 or PEM SPKI public key, or null when it is none of them. */
    public static byte[] rawKey(String publicKey) {
        if (publicKey == null || publicKey.isBlank() || publicKey.length() > MAX_KEY_INPUT) {
            return null;
        }
        String s = publicKey.trim();
        if (s.startsWith("-----BEGIN PUBLIC KEY-----")) {
            s = s.replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
        }
        byte[] b = decode(s);
        if (b == null) {
            return null;
        }
        if (b.length == 32) {
            return b;
        }
        if (b.length == SPKI_PREFIX.length + 32
                && java.util.Arrays.equals(b, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            return java.util.Arrays.copyOfRange(b, SPKI_PREFIX.length, b.length);
        }
        return null;
    }

    /** base64url without padding. */
    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Platform/deviceFamily normalisation: trimmed, ASCII A–Z lower-cased only, missing → empty. */
    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.trim());
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                b.setCharAt(i, (char) (c + 32));
            }
        }
        return b.toString();
    }

    private static byte[] decode(String s) {
        if (s == null) {
            return null;
        }
        try {
            return s.contains("+") || s.contains("/") || s.endsWith("=")
                    ? Base64.getDecoder().decode(s)
                    : Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static PublicKey cachedPublicKey(byte[] raw) {
        String k = encode(raw);
        PublicKey key = KEYS.get(k);
        if (key == null) {
            key = publicKey(raw);
            if (key != null) {
                if (KEYS.size() >= MAX_CACHED_KEYS) {
                    KEYS.clear();
                }
                KEYS.put(k, key);
            }
        }
        return key;
    }

    private static PublicKey publicKey(byte[] raw) {
        byte[] spki = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /**
     * One verifier per thread: {@code Signature.getInstance} looks the provider up and builds a delegate on every
     * call, a visible share of a handshake's CPU. A verifier is reusable after {@code verify} (or after
     * {@code initVerify} with the next key), so each worker keeps its own.
     */
    private static final ThreadLocal<Signature> VERIFIER = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    });

    private static boolean verifies(PublicKey key, String payload, byte[] sig) {
        try {
            Signature v = VERIFIER.get();
            v.initVerify(key);
            v.update(payload.getBytes(StandardCharsets.UTF_8));
            return v.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static GatewayException failure(String code, String reason, String message) {
        return new GatewayException(
                ErrorCode.INVALID_REQUEST, message, Map.of("code", code, "reason", reason), null, null);
    }
}
