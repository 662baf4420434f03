package dev.talon.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 device identity as the protocol puts it on the wire (PROTOCOL.md §2.2). Signing uses the
 * JDK's {@code Ed25519} by default; {@code bc} (Bouncy Castle's RFC 8032 code, about 10× cheaper on
 * JDK 17) keeps the harness's own CPU use small when it shares the machine with the gateway.
 */
final class DeviceIdentity {
    /** DER header of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key. */
    static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    static final Map<String, Boolean> SIGNERS = Map.of("jdk", false, "bc", true);

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final byte[] seed;
    private final boolean bouncyCastle;
    private final String id;
    private final String publicKey;

    private DeviceIdentity(KeyPair keyPair, boolean bouncyCastle) {
        this.privateKey = keyPair.getPrivate();
        this.seed = ((EdECPrivateKey) privateKey)
                .getBytes()
                .orElseThrow(() -> new BenchException("Ed25519 private key has no seed"));
        this.bouncyCastle = bouncyCastle;
        byte[] spki = keyPair.getPublic().getEncoded();
        if (spki.length != SPKI_PREFIX.length + 32
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new BenchException("unexpected Ed25519 public key encoding");
        }
        byte[] raw = Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
        this.id = HexFormat.of().formatHex(sha256(raw));
        this.publicKey = B64URL.encodeToString(raw);
    }

    static DeviceIdentity generate() {
        return generate("jdk");
    }

    /** A fresh key pair; {@code signer} is {@code jdk} or {@code bc}. */
    static DeviceIdentity generate(String signer) {
        Boolean bc = SIGNERS.get(signer);
        if (bc == null) {
            throw new BenchException("unknown --signer " + signer + ", expected one of " + SIGNERS.keySet());
        }
        try {
            return new DeviceIdentity(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), bc);
        } catch (GeneralSecurityException e) {
            throw new BenchException("Ed25519 is not available in this JDK", e);
        }
    }

    /** Lowercase hex SHA-256 of the raw 32-byte public key. */
    String id() {
        return id;
    }

    /** Raw public key, base64url without padding. */
    String publicKey() {
        return publicKey;
    }

    /** Base64url Ed25519 signature over the UTF-8 bytes of {@code payload}. */
    String sign(String payload) {
        byte[] message = payload.getBytes(StandardCharsets.UTF_8);
        return B64URL.encodeToString(bouncyCastle ? signBc(message) : signJdk(message));
    }

    private byte[] signBc(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    private byte[] signJdk(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new BenchException("Ed25519 signing failed", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new BenchException("SHA-256 is not available", e);
        }
    }
}
