// Logging WebSocket proxy for debugging the interop suite (INTEROP_TRACE=1 in run.sh).
//
//   node wsproxy.mjs --listen PORT --target ws://127.0.0.1:P --out trace.jsonl
//
// Accepts WebSocket connections on 127.0.0.1:PORT, opens one upstream connection per client and copies
// frames both ways. Every frame is appended to --out as one JSON line, in the format of
// ../shared/protocol/captures: {t, kind:"ws", conn, dir:"c2s"|"s2c", bytes, data}, plus ws-open/ws-close
// records. Prints "listening PORT" on stdout once ready. Needs the `ws` package, resolved from the
// openclaw install (OPENCLAW_NODE_MODULES, set by run.sh).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const modules = process.env.OPENCLAW_NODE_MODULES;
if (!modules) throw new Error('OPENCLAW_NODE_MODULES must point at a node_modules folder holding `ws`');
const { WebSocketServer, WebSocket } = createRequire(path.join(modules, 'noop.js'))('ws');

const out = fs.openSync(args.out, 'a');
const log = (rec) => fs.writeSync(out, JSON.stringify({ t: Date.now(), ...rec }) + '\n');
let nextConn = 1;

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(args.listen), perMessageDeflate: false });
server.on('listening', () => console.log(`listening ${server.address().port}`));
server.on('connection', (client, req) => {
  const conn = nextConn++;
  log({ kind: 'ws-open', conn, url: req.url, reqHeaders: req.headers.origin ? { origin: req.headers.origin } : {} });
  // Origin matters to the gateway (origin check, silent pairing); pass it through unchanged.
  const upstream = new WebSocket(args.target + (req.url || '/'), {
    perMessageDeflate: false,
    ...(req.headers.origin ? { origin: req.headers.origin } : {}),
  });
  const pending = [];
  const record = (dir, buf) => {
    const text = buf.toString('utf8');
    let data = text;
    try { data = JSON.parse(text); } catch { /* keep the raw text */ }
    log({ kind: 'ws', conn, dir, bytes: buf.length, data });
  };
  upstream.on('open', () => { for (const m of pending.splice(0)) upstream.send(m); });
  upstream.on('message', (m, isBinary) => { record('s2c', Buffer.from(m)); client.send(m, { binary: isBinary }); });
  client.on('message', (m, isBinary) => {
    record('c2s', Buffer.from(m));
    if (upstream.readyState === WebSocket.OPEN) upstream.send(m, { binary: isBinary }); else pending.push(m);
  });
  const closeCode = (code) => (code >= 1000 && code <= 4999 && code !== 1005 && code !== 1006 ? code : 1000);
  upstream.on('close', (code, reason) => {
    log({ kind: 'ws-close', conn, by: 'server', code, reason: reason.toString() });
    if (client.readyState <= WebSocket.OPEN) client.close(closeCode(code), reason);
  });
  client.on('close', (code, reason) => {
    log({ kind: 'ws-close', conn, by: 'client', code, reason: reason.toString() });
    if (upstream.readyState <= WebSocket.OPEN) upstream.close(closeCode(code), reason);
  });
  upstream.on('error', (e) => { log({ kind: 'ws-error', conn, side: 'server', message: e.message }); client.terminate(); });
  client.on('error', (e) => { log({ kind: 'ws-error', conn, side: 'client', message: e.message }); upstream.terminate(); });
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { server.close(); process.exit(0); });
