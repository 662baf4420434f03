// Device identity helpers for the interop suite (Node 24, node:crypto only).
//
// Implements what ../shared/protocol/PROTOCOL.md §2.2–2.3 describes, written from that spec:
//   * Ed25519 key pair; device.publicKey = raw 32-byte public key, base64url without padding
//   * device.id = lowercase hex SHA-256 of the raw public key
//   * signed payload: v3|deviceId|clientId|clientMode|role|scopesCsv|signedAtMs|token|nonce|platform|deviceFamily
//     (v2 = the same without the last two fields); platform/deviceFamily trimmed, ASCII A–Z lower-cased
//   * device.signature = Ed25519 signature of the UTF-8 payload, base64url without padding
import crypto from 'node:crypto';
import fs from 'node:fs';

// DER prefixes of an Ed25519 PKCS#8 private key (followed by the 32-byte seed) and of an
// X.509 SubjectPublicKeyInfo (followed by the 32-byte public key), RFC 8410.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
export const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const b64url = (buf) => Buffer.from(buf).toString('base64url');

/** An identity from a 32-byte seed (deterministic), or a fresh random one. */
export function identityFromSeed(seed = crypto.randomBytes(32)) {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8',
  });
  const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  if (!spki.subarray(0, SPKI_ED25519_PREFIX.length).equals(SPKI_ED25519_PREFIX)) throw new Error('unexpected SPKI');
  const rawPublicKey = spki.subarray(SPKI_ED25519_PREFIX.length);
  return {
    seed: Buffer.from(seed),
    privateKey,
    rawPublicKey,
    publicKey: b64url(rawPublicKey),
    deviceId: crypto.createHash('sha256').update(rawPublicKey).digest('hex'),
  };
}

/** Loads the identity kept in `file` (hex seed in JSON), creating it on first use. */
export function loadOrCreateIdentity(file) {
  if (file && fs.existsSync(file)) {
    return identityFromSeed(Buffer.from(JSON.parse(fs.readFileSync(file, 'utf8')).seedHex, 'hex'));
  }
  const id = identityFromSeed();
  if (file) fs.writeFileSync(file, JSON.stringify({ seedHex: id.seed.toString('hex'), deviceId: id.deviceId }) + '\n', { mode: 0o600 });
  return id;
}

/** ASCII-only lower-casing of a trimmed value, as the v3 payload wants for platform and deviceFamily. */
export const normalizeMeta = (v) => (v == null ? '' : String(v).trim().replace(/[A-Z]/g, (c) => c.toLowerCase()));

/** The signed payload string; `version` is 'v3' (default) or 'v2'. */
export function buildPayload(f, version = 'v3') {
  const base = [
    version, f.deviceId, f.clientId, f.clientMode, f.role, (f.scopes || []).join(','),
    String(f.signedAtMs), f.token ?? '', f.nonce,
  ];
  if (version === 'v3') base.push(normalizeMeta(f.platform), normalizeMeta(f.deviceFamily));
  return base.join('|');
}

export const signPayload = (identity, payload) => b64url(crypto.sign(null, Buffer.from(payload, 'utf8'), identity.privateKey));

export function verifyPayload(rawPublicKey, payload, signatureB64url) {
  const key = crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, rawPublicKey]), format: 'der', type: 'spki' });
  return crypto.verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signatureB64url, 'base64url'));
}
