#!/usr/bin/env bash
# Interop suite, node host flow: the official headless node host (`openclaw node run`) against a gateway,
# paired and approved with the official CLI, then invoked (system.which, system.run).
#
#   interop/nodes.sh [DIST_DIR]           against Talon from DIST_DIR (default: distribution/target/talon)
#   interop/nodes.sh --peer [DIST_DIR]    against the official gateway (`openclaw gateway run`), to check
#                                         this script itself; DIST_DIR, when there, only supplies `talon nodes`
#
# Same cache, conventions and variables as run.sh (INTEROP_CACHE_DIR, INTEROP_TRACE, INTEROP_KEEP,
# INTEROP_CMD_TIMEOUT); INTEROP_NODE_WAIT (s, default 60) bounds each wait on the node host.
# Prints PASS/FAIL/SKIP per step and a final "N passed, M failed" line; exits non-zero if a step failed.
# run.sh calls it at its end (with INTEROP_COUNTS_FILE, so the counts land in run.sh's summary).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER=""
if [ "${1:-}" = "--peer" ]; then
  PEER=1
  shift
fi
DIST_ARG="${1:-$ROOT/distribution/target/talon}"
DIST=""
if [ -x "$DIST_ARG/bin/talon" ]; then
  DIST="$(cd "$DIST_ARG" && pwd)"
elif [ -z "$PEER" ]; then
  echo "interop: no Talon distribution at $DIST_ARG (build it first: mvn -B -q package -DskipTests)" >&2
  exit 2
fi

# Versions, cache, client install, client environment, PASS/FAIL helpers.
# shellcheck source=interop/lib.sh
. "$ROOT/interop/lib.sh"
NODE_WAIT="${INTEROP_NODE_WAIT:-60}"
NODE_NAME=interop-node

# ---- work folder, gateway ----------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/talon-interop-nodes.XXXXXX")"
mkdir -p "$WORK/tmp" "$WORK/out"
GATEWAY_PID="" PROXY_PID="" NODE_PID=""
cleanup() {
  local rc=$?
  # shellcheck disable=SC2086 # unset ones drop out
  stop_procs $NODE_PID $PROXY_PID $GATEWAY_PID
  if [ "$FAILED" -gt 0 ] || [ "$rc" -ne 0 ] || [ -n "${INTEROP_KEEP:-}" ] || [ -n "${INTEROP_TRACE:-}" ]; then
    echo "interop: work folder kept: $WORK (gateway.log, node-host.log, out/, client homes${INTEROP_TRACE:+, trace.jsonl})"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

TOKEN="interop-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
PORT="$(free_port)"
GATEWAY_LOG="$WORK/gateway.log"

if [ -n "$PEER" ]; then
  # The official gateway, configured as in INTEROP.md §1, with its own HOME and state under $WORK.
  GATEWAY_NAME="the official gateway (openclaw gateway run)"
  client_env peer
  printf '%s\n' "{\"gateway\":{\"mode\":\"local\",\"bind\":\"loopback\",\"port\":$PORT,
    \"auth\":{\"mode\":\"token\",\"token\":\"$TOKEN\"}},\"update\":{\"checkOnStart\":false},
    \"telemetry\":{\"enabled\":false},\"discovery\":{\"mdns\":{\"mode\":\"off\"}}}" \
    >"$WORK/home-peer/.openclaw/openclaw.json"
  setsid env "${CLIENT_ENV[@]}" openclaw gateway run </dev/null >"$GATEWAY_LOG" 2>&1 &
  GATEWAY_PID=$!
  START_WAIT=120
else
  GATEWAY_NAME="Talon (${DIST#"$ROOT"/})"
  STATE="$WORK/talon-state"
  mkdir -p "$STATE"
  printf '{"gateway":{"auth":{"mode":"token","token":"%s"}}}\n' "$TOKEN" >"$STATE/talon.json"
  chmod 600 "$STATE/talon.json"
  TALON_STATE_DIR="$STATE" "$DIST/bin/talon" gateway run --port "$PORT" --token "$TOKEN" >"$GATEWAY_LOG" 2>&1 &
  GATEWAY_PID=$!
  START_WAIT=60
fi
ready=""
deadline=$((SECONDS + START_WAIT))
while [ "$SECONDS" -lt "$deadline" ]; do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null; then ready=1; break; fi
  kill -0 "$GATEWAY_PID" 2>/dev/null || break
  grep -q 'gateway not started' "$GATEWAY_LOG" && break
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "interop: $GATEWAY_NAME did not become ready on port $PORT; last log lines:" >&2
  tail -20 "$GATEWAY_LOG" >&2
  no_result "gateway ready on ws://127.0.0.1:$PORT" "not ready within $START_WAIT s"
  summary
  exit 1
fi

GATEWAY_URL="ws://127.0.0.1:$PORT"
NODE_PORT="$PORT"
if [ -n "${INTEROP_TRACE:-}" ]; then
  start_proxy "$GATEWAY_URL"
  GATEWAY_URL="ws://127.0.0.1:$PROXY_PORT" NODE_PORT="$PROXY_PORT"
fi
echo "interop: $OC_VERSION_LINE node host against $GATEWAY_NAME at ws://127.0.0.1:$PORT${PROXY_PID:+, traced via $GATEWAY_URL}"

# Client homes: "url" has no config (commands get --url/--token); "remote" has the remote client config.
mkdir -p "$WORK/home-url/.openclaw" "$WORK/home-remote/.openclaw"
printf '{"gateway":{"mode":"remote","remote":{"url":"%s","token":"%s"}}}\n' "$GATEWAY_URL" "$TOKEN" \
  >"$WORK/home-remote/.openclaw/openclaw.json"
CONN=(--url "$GATEWAY_URL" --token "$TOKEN")

# ---- the node host -------------------------------------------------------------------------------------
# Its own HOME/state (device identity, node id); the token comes from the environment as in INTEROP.md §2.
NODE_LOG="$WORK/node-host.log"
client_env node
setsid env "${CLIENT_ENV[@]}" OPENCLAW_GATEWAY_TOKEN="$TOKEN" openclaw node run --host 127.0.0.1 --port "$NODE_PORT" \
  --display-name "$NODE_NAME" </dev/null >"$NODE_LOG" 2>&1 &
NODE_PID=$!
node_alive() { kill -0 "$NODE_PID" 2>/dev/null; }
POLL_ALIVE=node_alive
node_log_tail() { # shown after a failed wait on the node host
  node_alive || echo "      | (node host exited)"
  [ -s "$NODE_LOG" ] && tail -8 "$NODE_LOG" | cut -c1-300 | sed 's/^/      | node-host: /'
  return 0
}

# 1. The node host connects: `nodes status --json` (node.list) shows it connected.
has_node='d && Array.isArray(d.nodes) && d.nodes.some((n) => n.displayName === "'$NODE_NAME'" && n.connected === true)'
node_connected() { json "$OUT" "$has_node"; }
poll "$NODE_WAIT" node_connected nodes-status-connected url openclaw nodes status --json "${CONN[@]}"
f0=$FAILED
check "openclaw node run connects (nodes status --json: connected)" node_connected
[ "$FAILED" -eq "$f0" ] || node_log_tail
NODE_ID="$(jsonval "$OUT" '(d.nodes.find((n) => n.displayName === "'$NODE_NAME'") || {}).nodeId')"

# 2. Its device was paired silently (direct loopback): `devices list --json` lists it as paired.
run devices-list url openclaw devices list --json "${CONN[@]}"
if [ -n "$NODE_ID" ]; then
  check "node device auto-paired on loopback (devices list --json)" json "$OUT" \
    "Array.isArray(d.paired) && d.paired.some((x) => x.deviceId === '$NODE_ID')"
else
  no_result "node device auto-paired on loopback (devices list --json)" "no node id from nodes status"
fi

# 3. Its command surface waits for approval: `nodes pending --json` (node.pair.list) has the request.
pending='Array.isArray(d) && d.some((r) => r.displayName === "'$NODE_NAME'" && r.requestId)'
node_pending() { json "$OUT" "$pending"; }
poll "$NODE_WAIT" node_pending nodes-pending-json url openclaw nodes pending --json "${CONN[@]}"
check "openclaw nodes pending --json lists $NODE_NAME" node_pending
REQUEST_ID="$(jsonval "$OUT" '(d.find((r) => r.displayName === "'$NODE_NAME'") || {}).requestId')"
[ -n "$NODE_ID" ] || NODE_ID="$(jsonval "$OUT" '(d.find((r) => r.displayName === "'$NODE_NAME'") || {}).nodeId')"
if [ -n "$REQUEST_ID" ] && [ -n "$NODE_ID" ] && ! json "$OUT" "d.some((r) => r.requestId === '$REQUEST_ID' && r.nodeId === '$NODE_ID')"; then
  warn "nodes pending: the request's nodeId differs from the node id in nodes status ($NODE_ID)"
fi

run nodes-pending remote openclaw nodes pending
if [ -n "$REQUEST_ID" ]; then
  check "openclaw nodes pending (remote config) shows the request" has "$REQUEST_ID"
else
  no_result "openclaw nodes pending (remote config) shows the request" "no pending request id"
fi

# 4. Talon's own CLI, when this build has `talon nodes`.
TALON_NODES_LABEL="talon nodes pending --url --token shows the request"
if [ -z "$DIST" ]; then
  skip "$TALON_NODES_LABEL" "no Talon distribution given"
elif ! TALON_STATE_DIR="$WORK/talon-cli-state" "$DIST/bin/talon" help 2>/dev/null | grep -Eq '^ +nodes( |$)'; then
  skip "$TALON_NODES_LABEL" "this build has no 'talon nodes'"
elif [ -z "$REQUEST_ID" ]; then
  no_result "$TALON_NODES_LABEL" "no pending request id"
else
  t0=$(date +%s%N)
  set +e
  TALON_STATE_DIR="$WORK/talon-cli-state" timeout "$CMD_TIMEOUT" "$DIST/bin/talon" nodes pending "${CONN[@]}" \
    >"$WORK/out/talon-nodes-pending.out" 2>"$WORK/out/talon-nodes-pending.err" </dev/null
  RC=$?
  set -e
  MS=$((($(date +%s%N) - t0) / 1000000))
  OUT="$WORK/out/talon-nodes-pending.out" ERR="$WORK/out/talon-nodes-pending.err"
  check "$TALON_NODES_LABEL" has "$REQUEST_ID"
fi

# 5. Approve the node's command surface.
if [ -n "$REQUEST_ID" ]; then
  run nodes-approve url openclaw nodes approve "$REQUEST_ID" "${CONN[@]}"
  check "openclaw nodes approve <requestId> --url --token" has "$REQUEST_ID"
else
  no_result "openclaw nodes approve <requestId> --url --token" "no pending request id"
fi

# 6. The approval takes effect: node.list shows it approved with system.which and system.run.
approved='d && Array.isArray(d.nodes) && d.nodes.some((n) => n.nodeId === "'$NODE_ID'" && n.connected === true
  && (n.approvalState === undefined || n.approvalState === "approved")
  && Array.isArray(n.commands) && n.commands.includes("system.which") && n.commands.includes("system.run"))'
node_approved() { json "$OUT" "$approved"; }
poll "$NODE_WAIT" node_approved nodes-status-approved url openclaw nodes status --json "${CONN[@]}"
f0=$FAILED
check "nodes status --json: approved, commands include system.*" node_approved
[ "$FAILED" -eq "$f0" ] || node_log_tail

# 7. Invoke through the CLI's own command: system.which must come back with the path of uname.
run nodes-invoke-which url openclaw nodes invoke --node "$NODE_NAME" --command system.which \
  --params '{"bins":["uname"]}' "${CONN[@]}"
check "openclaw nodes invoke system.which (path of uname)" has '"uname": *"/([^"]*/)?uname"'

# 8. system.run through a raw node.invoke (the CLI's `nodes invoke` refuses system.run itself).
if [ -n "$NODE_ID" ]; then
  KEY="$("$NODE" -e 'console.log(require("crypto").randomUUID())')"
  run call-node-invoke-run url openclaw gateway call node.invoke "${CONN[@]}" --params \
    "{\"nodeId\":\"$NODE_ID\",\"command\":\"system.run\",\"params\":{\"command\":[\"uname\",\"-a\"]},\"idempotencyKey\":\"$KEY\",\"timeoutMs\":15000}"
  check "openclaw gateway call node.invoke system.run (Linux)" has 'Linux [^ "]+ [0-9]+\.[0-9]+'
else
  no_result "openclaw gateway call node.invoke system.run (Linux)" "no node id"
fi

# The node host must still be running; report what it complained about (beyond the expected wait for approval).
if ! node_alive; then
  MS=0 OUT=/dev/null ERR="$NODE_LOG"
  fail "node host still running at the end" "it exited"
fi
{ grep -E 'failed|error|Error' "$NODE_LOG" 2>/dev/null || true; } | grep -v 'awaiting operator approval' |
  grep -v 'node pairing changed while invocation was active' | cut -c1-240 | sort -u | head -5 |
  while IFS= read -r line; do warn "node host logged: $line"; done || true

summary
[ "$FAILED" -eq 0 ]
