// Ed25519 device-signature test vector made with node:crypto, for a JDK-side cross-check.
//
//   node sign-vector.mjs [--seed HEX64 | --random] [--signed-at MS] [--nonce N] [--token T] > vector.json
//
// Without options the vector is deterministic (fixed seed, fixed fields; Ed25519 signatures are
// deterministic), so `interop/vectors/node-ed25519-v3.json` is reproducible byte for byte.
// A verifier must accept `signature` over `payload` (v3) and `v2.signature` over `v2.payload`
// with the key in `publicKey`, recompute `deviceId` from it, and reject `tampered`.
import { buildPayload, identityFromSeed, signPayload, verifyPayload, SPKI_ED25519_PREFIX } from './device-identity.mjs';
import crypto from 'node:crypto';

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };

// Default seed: the secret key of RFC 8032 §7.1 TEST 1, whose public key is
// d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a.
const seed = argv.includes('--random') ? crypto.randomBytes(32)
  : Buffer.from(opt('--seed', '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'), 'hex');
const id = identityFromSeed(seed);

const fields = {
  deviceId: id.deviceId,
  clientId: 'cli',
  clientMode: 'cli',
  role: 'operator',
  scopes: ['operator.read', 'operator.write'],
  signedAtMs: Number(opt('--signed-at', '1737264000000')),
  token: opt('--token', 's3cret'),
  nonce: opt('--nonce', '6c0f5b1e-2f3a-4c5d-8e9f-0a1b2c3d4e5f'),
  platform: ' Linux ',
  deviceFamily: 'Linux',
};
const payload = buildPayload(fields, 'v3');
const signature = signPayload(id, payload);
const v2Payload = buildPayload(fields, 'v2');
const v2Signature = signPayload(id, v2Payload);
const tamperedPayload = payload.replace('|operator|', '|node|');

// Self-check before printing: node:crypto must verify its own output and reject the tampered payload.
if (!verifyPayload(id.rawPublicKey, payload, signature) || !verifyPayload(id.rawPublicKey, v2Payload, v2Signature)
    || verifyPayload(id.rawPublicKey, tamperedPayload, signature)) {
  throw new Error('self-check failed');
}

const vector = {
  description: 'Ed25519 device signature made by node:crypto (Node ' + process.versions.node + '), PROTOCOL.md §2.2-2.3',
  algorithm: 'Ed25519',
  seedHex: seed.toString('hex'),
  publicKey: id.publicKey,
  publicKeyHex: id.rawPublicKey.toString('hex'),
  publicKeySpkiDerBase64: Buffer.concat([SPKI_ED25519_PREFIX, id.rawPublicKey]).toString('base64'),
  deviceId: id.deviceId,
  fields,
  payload,
  signature,
  signatureHex: Buffer.from(signature, 'base64url').toString('hex'),
  v2: { payload: v2Payload, signature: v2Signature },
  tampered: { payload: tamperedPayload, signature, expect: 'invalid' },
  // The device object a client would put in connect.params for these fields.
  device: { id: id.deviceId, publicKey: id.publicKey, signature, signedAt: fields.signedAtMs, nonce: fields.nonce },
  paddedBase64Signature: Buffer.from(signature, 'base64url').toString('base64'),
};
process.stdout.write(JSON.stringify(vector, null, 2) + '\n');
