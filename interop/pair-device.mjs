// Connects to a gateway once with a signed device identity (PROTOCOL.md §1.4, §2.2–2.4, v3 payload) and
// reports how the connect ended. Used by run.sh to create a pending pairing request for
// `openclaw devices list/approve`, and to check that the device is let in after approval.
//
//   node pair-device.mjs --url ws://127.0.0.1:P --token T --identity FILE
//        [--client-id cli] [--client-mode cli] [--role operator] [--scopes operator.read,...]
//        [--display-name NAME] [--origin URL] [--timeout MS]
//
// Prints one JSON line: {outcome, deviceId, ...} where outcome is
//   "hello-ok"          connect accepted (auth, deviceToken when issued)
//   "pairing-required"  NOT_PAIRED / PAIRING_REQUIRED (requestId, reason)
//   "rejected"          any other connect error (error)
//   "closed" | "timeout" | "transport-error"
// Exit status: 0 when the gateway answered the connect (whatever the answer), 2 otherwise.
// Needs Node 24 (global WebSocket).
import crypto from 'node:crypto';
import { buildPayload, loadOrCreateIdentity, signPayload } from './device-identity.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt; };
const url = opt('--url');
if (!url) { console.error('usage: pair-device.mjs --url ws://host:port --token T --identity FILE'); process.exit(64); }
const token = opt('--token');
const clientId = opt('--client-id', 'cli');
const clientMode = opt('--client-mode', 'cli');
const role = opt('--role', 'operator');
const scopes = opt('--scopes', 'operator.read').split(',').filter(Boolean);
const platform = 'linux';
const deviceFamily = 'Linux';
const timeoutMs = Number(opt('--timeout', '10000'));
const identity = loadOrCreateIdentity(opt('--identity'));

let done = false;
function finish(result, code) {
  if (done) return;
  done = true;
  process.stdout.write(JSON.stringify({ deviceId: identity.deviceId, ...result }) + '\n');
  try { ws.close(1000); } catch { /* already closed */ }
  setTimeout(() => process.exit(code), 50);
}

const headers = opt('--origin') ? { Origin: opt('--origin') } : undefined;
const ws = new WebSocket(url, headers ? { headers } : undefined);
const timer = setTimeout(() => finish({ outcome: 'timeout' }, 2), timeoutMs);
const connectId = `1:${crypto.randomUUID()}`;

ws.addEventListener('error', (e) => finish({ outcome: 'transport-error', error: String(e.message || e.type) }, 2));
ws.addEventListener('close', (e) => finish({ outcome: 'closed', code: e.code, reason: e.reason }, 2));
ws.addEventListener('message', (msg) => {
  let frame;
  try { frame = JSON.parse(String(msg.data)); } catch { return finish({ outcome: 'rejected', error: 'unparsable frame' }, 2); }
  if (frame.type === 'event' && frame.event === 'connect.challenge') {
    const { nonce, ts } = frame.payload || {};
    const signedAt = typeof ts === 'number' ? ts : Date.now();
    const payload = buildPayload({
      deviceId: identity.deviceId, clientId, clientMode, role, scopes, signedAtMs: signedAt,
      token: token ?? '', nonce, platform, deviceFamily,
    }, 'v3');
    ws.send(JSON.stringify({
      type: 'req', id: connectId, method: 'connect',
      params: {
        minProtocol: 4, maxProtocol: 4,
        client: {
          id: clientId, displayName: opt('--display-name', 'interop-device'), version: 'interop',
          platform, deviceFamily, mode: clientMode, instanceId: crypto.randomUUID(),
        },
        caps: [], role, scopes,
        ...(token ? { auth: { token } } : {}),
        device: {
          id: identity.deviceId, publicKey: identity.publicKey,
          signature: signPayload(identity, payload), signedAt, nonce,
        },
      },
    }));
    return;
  }
  if (frame.type === 'res' && frame.id === connectId) {
    clearTimeout(timer);
    if (frame.ok) {
      const auth = frame.payload?.auth || {};
      return finish({ outcome: 'hello-ok', role: auth.role, scopes: auth.scopes, deviceToken: auth.deviceToken ? '[issued]' : null }, 0);
    }
    const err = frame.error || {};
    const details = err.details || {};
    if (err.code === 'NOT_PAIRED' || details.code === 'PAIRING_REQUIRED') {
      return finish({ outcome: 'pairing-required', requestId: details.requestId ?? null, reason: details.reason ?? null, error: err }, 0);
    }
    return finish({ outcome: 'rejected', error: err }, 0);
  }
});
