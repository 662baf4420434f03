#!/usr/bin/env bash
# Interop suite: runs the official OpenClaw CLI against a running Talon and checks each command.
#
#   interop/run.sh [DIST_DIR]          (default: distribution/target/talon)
#
# Installs Node and openclaw into .interop-cache/ at the repo root (kept between runs, keyed on the
# versions below; INTEROP_CACHE_DIR overrides the folder), starts Talon from DIST_DIR on a free
# loopback port with a fresh state dir and a known token, runs each command, prints PASS/FAIL per
# check and a final "N passed, M failed" line; exits non-zero if anything failed. At the end it runs
# nodes.sh (the node host flow, its own gateway) and adds its counts to that line.
#
# Environment: INTEROP_TRACE=1 puts a logging WebSocket proxy (wsproxy.mjs) between the clients and
# Talon and keeps every frame in <work>/trace.jsonl; INTEROP_KEEP=1 keeps the work folder (logs,
# client homes, outputs) even when everything passed (it is always kept on failure);
# INTEROP_CMD_TIMEOUT (s, default 60) bounds each command.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST_ARG="${1:-$ROOT/distribution/target/talon}"
[ -x "$DIST_ARG/bin/talon" ] || { echo "interop: no Talon distribution at $DIST_ARG (build it first: mvn -B -q package -DskipTests)" >&2; exit 2; }
DIST="$(cd "$DIST_ARG" && pwd)"

# Versions, cache, client install, client environment, PASS/FAIL helpers.
# shellcheck source=interop/lib.sh
. "$ROOT/interop/lib.sh"

# ---- work folder, gateway ----------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/talon-interop.XXXXXX")"
mkdir -p "$WORK/tmp" "$WORK/out" "$WORK/talon-state"
TALON_PID="" PROXY_PID=""
cleanup() {
  local rc=$?
  # shellcheck disable=SC2086 # unset ones drop out
  stop_procs $PROXY_PID $TALON_PID
  if [ "$FAILED" -gt 0 ] || [ "$rc" -ne 0 ] || [ -n "${INTEROP_KEEP:-}" ] || [ -n "${INTEROP_TRACE:-}" ]; then
    echo "interop: work folder kept: $WORK (talon.log, out/, client homes${INTEROP_TRACE:+, trace.jsonl})"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

TOKEN="interop-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
PORT="$(free_port)"
STATE="$WORK/talon-state"

# A pending pairing request needs a connection that is not silently approved (PROTOCOL.md §2.6.3):
# every direct loopback connect is, unless the autoApproveLocal knob is false. This build's config schema
# says where that knob lives (gateway.nodes.pairing.autoApproveLocal upstream); use it when present.
# Without it, send an Origin header from a non-UI client, which the spec also excludes from silent approval.
config_schema() { # the talon.schema.json inside this build's core bundle (unzip, else the JDK's jar tool)
  local jars=("$DIST"/bundle/gateway-core-*.jar) jar
  jar="${jars[0]}"
  [ -f "$jar" ] || return 0
  if command -v unzip >/dev/null; then
    unzip -p "$jar" schema/talon.schema.json 2>/dev/null || true
  elif command -v jar >/dev/null; then
    (cd "$WORK/tmp" && jar xf "$jar" schema/talon.schema.json 2>/dev/null && cat schema/talon.schema.json) || true
  fi
}
KNOB_PATH="$(config_schema | "$NODE" -e '
  let s = ""; process.stdin.on("data", (c) => (s += c)).on("end", () => {
    const find = (node, path) => {
      for (const [k, v] of Object.entries((node && node.properties) || {})) {
        if (k === "autoApproveLocal") return [...path, k];
        const hit = find(v, [...path, k]);
        if (hit) return hit;
      }
      return null;
    };
    try { process.stdout.write((find(JSON.parse(s), []) || []).join(".")); } catch { /* no schema */ }
  });' || true)"
PAIRING_ORIGIN=""
if [ -n "$KNOB_PATH" ]; then
  PAIRING_MODE="talon.json $KNOB_PATH=false"
else
  PAIRING_ORIGIN="http://127.0.0.1:$PORT"
  PAIRING_MODE="Origin header (no autoApproveLocal knob in this build's config schema)"
fi
"$NODE" -e '
  const [file, token, knob] = process.argv.slice(1);
  const cfg = { gateway: { auth: { mode: "token", token } } };
  if (knob) {
    const keys = knob.split(".");
    let o = cfg;
    for (const k of keys.slice(0, -1)) o = o[k] = o[k] || {};
    o[keys.at(-1)] = false;
  }
  require("fs").writeFileSync(file, JSON.stringify(cfg) + "\n", { mode: 0o600 });' "$STATE/talon.json" "$TOKEN" "$KNOB_PATH"
chmod 600 "$STATE/talon.json"

TALON_STATE_DIR="$STATE" "$DIST/bin/talon" gateway run --port "$PORT" --token "$TOKEN" >"$WORK/talon.log" 2>&1 &
TALON_PID=$!
ready=""
for _ in $(seq 1 300); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null; then ready=1; break; fi
  kill -0 "$TALON_PID" 2>/dev/null || break
  grep -q 'gateway not started' "$WORK/talon.log" && break
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "interop: Talon did not become ready on port $PORT; last log lines:" >&2
  tail -20 "$WORK/talon.log" >&2
  FAILED=1
  echo "0 passed, 1 failed"
  exit 1
fi

GATEWAY_URL="ws://127.0.0.1:$PORT"
if [ -n "${INTEROP_TRACE:-}" ]; then
  start_proxy "$GATEWAY_URL"
  GATEWAY_URL="ws://127.0.0.1:$PROXY_PORT"
fi
echo "interop: $OC_VERSION_LINE against Talon at ws://127.0.0.1:$PORT (${DIST#"$ROOT"/})${PROXY_PID:+, traced via $GATEWAY_URL}"
echo "interop: pairing request via $PAIRING_MODE"

# ---- helpers ---------------------------------------------------------------------------------------
# Client homes: "url" has no config (commands get --url/--token or env); "remote" has the remote config.
mkdir -p "$WORK/home-url/.openclaw" "$WORK/home-remote/.openclaw"
printf '{"gateway":{"mode":"remote","remote":{"url":"%s","token":"%s"}}}\n' "$GATEWAY_URL" "$TOKEN" \
  >"$WORK/home-remote/.openclaw/openclaw.json"

# ---- the commands ----------------------------------------------------------------------------------
run gateway-health url openclaw gateway health --url "$GATEWAY_URL" --token "$TOKEN"
check "openclaw gateway health --url --token" has '^OK'

run gateway-status url openclaw gateway status --url "$GATEWAY_URL" --token "$TOKEN" --require-rpc
check "openclaw gateway status --url --token --require-rpc" has 'probe: ok'
if grep -q 'running Gateway is version' "$ERR"; then
  warn "gateway status: client warns about the version: $(grep -o 'running Gateway is version [^.]*\.[^.]*\.[^.]*' "$ERR" | head -1)"
fi

run gateway-call-status url openclaw gateway call status --url "$GATEWAY_URL" --token "$TOKEN" --json
check "openclaw gateway call status --json" json "$OUT" 'd && typeof d === "object" && !d.error && "runtimeVersion" in d'

run health-env url OPENCLAW_GATEWAY_URL="$GATEWAY_URL" OPENCLAW_GATEWAY_TOKEN="$TOKEN" openclaw health --json
check "OPENCLAW_GATEWAY_URL/TOKEN openclaw health --json" json "$OUT" 'd.ok === true'

run status-remote remote openclaw status --json
check "openclaw status --json (remote config)" json "$OUT" 'd.gateway && d.gateway.reachable === true && !d.gateway.error'
if [ "$RC" -eq 0 ] && grep -q 'does not expose the CLI configuration projection' "$OUT"; then
  warn "status: the gateway's status result has no cliProjection (asked with includeCliProjection:true); the CLI reports agents/defaultId as not collected"
fi

# Pairing: a signed device (v3 payload) asks to connect and must be left pending.
IDENTITY="$WORK/device-identity.json"
pair() { # name
  local t0
  t0=$(date +%s%N)
  set +e
  PATH="$CLIENT_PATH" timeout "$CMD_TIMEOUT" "$NODE" "$HERE/pair-device.mjs" --url "$GATEWAY_URL" --token "$TOKEN" \
    --identity "$IDENTITY" --client-id cli --client-mode cli --scopes operator.read ${PAIRING_ORIGIN:+--origin "$PAIRING_ORIGIN"} \
    >"$WORK/out/$1.out" 2>"$WORK/out/$1.err"
  RC=$?
  set -e
  MS=$((($(date +%s%N) - t0) / 1000000))
  OUT="$WORK/out/$1.out" ERR="$WORK/out/$1.err"
}
pair pair-request
check "signed device connect is left pending (PAIRING_REQUIRED)" json "$OUT" 'd.outcome === "pairing-required" && !!d.requestId'
REQUEST_ID="$("$NODE" -e 'try { const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(d.requestId || "") } catch {}' "$OUT")"
DEVICE_ID="$("$NODE" -e 'try { const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(d.deviceId || "") } catch {}' "$OUT")"

run devices-list remote openclaw devices list
if [ -n "$REQUEST_ID" ]; then
  check "openclaw devices list (remote config) shows the request" has "$REQUEST_ID"
else
  check "openclaw devices list (remote config)" true
fi

if [ -n "$REQUEST_ID" ]; then
  run devices-approve url openclaw devices approve "$REQUEST_ID" --url "$GATEWAY_URL" --token "$TOKEN"
  check "openclaw devices approve <id> --url --token" has "Approved"
else
  RC=1 MS=0 OUT=/dev/null ERR=/dev/null
  fail "openclaw devices approve <id> --url --token" "no pending request id to approve"
fi

pair pair-after-approve
check "approved device connects (hello-ok with deviceToken)" json "$OUT" 'd.outcome === "hello-ok" && d.deviceToken === "[issued]"'

run devices-list-json remote openclaw devices list --json
check "openclaw devices list --json lists the device as paired" json "$OUT" \
  "Array.isArray(d.paired) && d.paired.some((x) => x.deviceId === '$DEVICE_ID')"

# ---- node host flow (nodes.sh, its own Talon and work folder) ---------------------------------------
# Its counts are added to ours, so there is one summary line. The first gateway is stopped first.
# shellcheck disable=SC2086 # unset ones drop out
stop_procs $PROXY_PID $TALON_PID
PROXY_PID="" TALON_PID=""
echo "interop: node host flow (interop/nodes.sh)"
set +e
INTEROP_COUNTS_FILE="$WORK/nodes-counts" bash "$HERE/nodes.sh" "$DIST"
NODES_RC=$?
set -e
read -r NODES_PASSED NODES_FAILED _ <"$WORK/nodes-counts" 2>/dev/null || NODES_PASSED=0 NODES_FAILED=0
if [ "$NODES_RC" -ne 0 ] && [ "$NODES_FAILED" -eq 0 ]; then
  NODES_FAILED=1
  echo "FAIL  interop/nodes.sh exited with status $NODES_RC"
fi
PASSED=$((PASSED + NODES_PASSED)) FAILED=$((FAILED + NODES_FAILED))

summary
[ "$FAILED" -eq 0 ]
