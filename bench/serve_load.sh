#!/usr/bin/env bash
# Load test of `verdict serve` on loopback with wrk (figures: docs/performance.md).
#  1. single decisions (POST /v1/decide, the requests of
#     rules/examples/credit_requests.jsonl in turn) over keep-alive
#     connections: requests/s, p50 and p99 latency;
#  2. the same while a background loop reloads the ruleset every 100 ms
#     (POST /v1/reload with the token; the copy's version alternates so each
#     reload swaps in a changed ruleset): failed requests and failed reloads.
# Ends with one line: serve rps=R p50_ms=A p99_ms=B reload_failed=F
# (R, A, B from run 1; F = non-2xx responses and socket errors in run 2,
# plus reloads that did not answer 200).
#
# Environment:
#   VERDICT_BUILD_DIR   build folder holding tools/verdict/verdict (default: build; built when missing)
#   SERVE_CONFIG        deployment config (default: rules/credit_approval.deploy.toml)
#   SERVE_TRACE         override `[trace] level` of the config (off|rules|full; default: as configured)
#   SERVE_SHAP          override `[trace] shap` ("always"|"off"; default: as configured)
#   SERVE_SECONDS       length of each measured run (default: 10)
#   SERVE_CONNECTIONS   wrk keep-alive connections (default: 8)
#   SERVE_WRK_THREADS   wrk threads (default: 1)
#   SERVE_THREADS       server worker threads (default: connections + 4, so reloads find a free one)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BUILD_DIR=${VERDICT_BUILD_DIR:-build}
VERDICT=$BUILD_DIR/tools/verdict/verdict
CONFIG=${SERVE_CONFIG:-rules/credit_approval.deploy.toml}
SECONDS_EACH=${SERVE_SECONDS:-10}
CONNECTIONS=${SERVE_CONNECTIONS:-8}
WRK_THREADS=${SERVE_WRK_THREADS:-1}
SERVER_THREADS=${SERVE_THREADS:-$((CONNECTIONS + 4))}

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "serve_load: needs \`$tool\` (scripts/bootstrap.sh installs it)" >&2; exit 2; }
done
if [ ! -x "$VERDICT" ]; then
  [ -f "$BUILD_DIR/CMakeCache.txt" ] || cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" -j "${VERDICT_JOBS:-2}" --target verdict >/dev/null
fi

WORK=$(mktemp -d)
SERVER_PID=""
RELOAD_PID=""
cleanup() {
  if [ -n "$RELOAD_PID" ]; then kill "$RELOAD_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# A copy of the deployment whose ruleset can be changed between reloads:
# the rules file is copied beside it, the other relative paths made absolute
# (the config must name the model file: a path in the ruleset would not resolve).
CONFIG_DIR=$(cd "$(dirname "$CONFIG")" && pwd)
RULES_NAME=$(sed -nE 's/^ruleset = "([^"]*)".*/\1/p' "$CONFIG")
case "$RULES_NAME" in /*) RULES_SRC=$RULES_NAME ;; *) RULES_SRC=$CONFIG_DIR/$RULES_NAME ;; esac
cp "$RULES_SRC" "$WORK/ruleset.rules"
sed -E -e "s#^ruleset = \"[^\"]*\"#ruleset = \"$WORK/ruleset.rules\"#" \
       -e "s#^file = \"([^/\"][^\"]*)\"#file = \"$CONFIG_DIR/\\1\"#" "$CONFIG" > "$WORK/deploy.toml"
[ -n "${SERVE_TRACE:-}" ] && sed -i -E "s#^level = .*#level = \"$SERVE_TRACE\"#" "$WORK/deploy.toml"
[ -n "${SERVE_SHAP:-}" ] && sed -i -E "s#^shap = .*#shap = \"$SERVE_SHAP\"#" "$WORK/deploy.toml"
cat >> "$WORK/deploy.toml" <<TOML

[server]
port = 0
threads = $SERVER_THREADS
reload_token_env = "VERDICT_BENCH_RELOAD_TOKEN"
TOML
export VERDICT_BENCH_RELOAD_TOKEN
VERDICT_BENCH_RELOAD_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

"$VERDICT" serve --config "$WORK/deploy.toml" 2> "$WORK/server.log" &
SERVER_PID=$!
PORT=""
for _ in $(seq 200); do
  PORT=$(sed -nE 's#.* on http://[^:]*:([0-9]+) .*#\1#p' "$WORK/server.log")
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.05
done
[ -n "$PORT" ] || { echo "serve_load: the server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
URL=http://127.0.0.1:$PORT
echo "serve_load: $(head -1 "$WORK/server.log" | sed 's/^verdict serve: //'); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "serve_load: trace level $(sed -nE 's/^level = "(.*)".*/\1/p' "$WORK/deploy.toml"), shap $(sed -nE 's/^shap = ("[^"]*"|\[[^]]*\]).*/\1/p' "$WORK/deploy.toml"); wrk $WRK_THREADS thread(s), $CONNECTIONS connections, ${SECONDS_EACH}s per run"

export SERVE_REQUESTS=$ROOT/rules/examples/credit_requests.jsonl
run_wrk() {  # seconds -> the WRK line of the Lua script
  wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "${1}s" --latency -s "$ROOT/bench/serve_load.lua" "$URL" > "$WORK/wrk.out"
  grep '^WRK ' "$WORK/wrk.out"
}
field() { sed -nE "s/.* $1=([0-9]+).*/\\1/p" <<< "$2"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1000 }'; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }  # utime + stime

run_wrk 2 > /dev/null  # warm-up

ticks_before=$(cpu_ticks)
steady=$(run_wrk "$SECONDS_EACH")
ticks_after=$(cpu_ticks)
cpu_us=$(awk -v t="$((ticks_after - ticks_before))" -v hz="$(getconf CLK_TCK)" -v n="$(field requests "$steady")" \
         'BEGIN { printf "%.0f", t / hz * 1e6 / n }')
rps=$(awk -v n="$(field requests "$steady")" -v us="$(field duration_us "$steady")" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
p50=$(ms "$(field p50_us "$steady")")
p99=$(ms "$(field p99_us "$steady")")
echo "serve_load: run 1 (steady): $rps requests/s, p50 ${p50} ms, p99 ${p99} ms," \
     "non-2xx $(field non2xx "$steady"), socket errors $(field socket_errors "$steady");" \
     "server CPU ${cpu_us} us per request"

# Reloads every 100 ms, alternating the ruleset's version.
VERSION=$(sed -nE 's/^version "([^"]*)".*/\1/p' "$WORK/ruleset.rules")
reload_loop() {
  local ok=0 failed=0 n=0 code
  while [ ! -f "$WORK/stop" ]; do
    n=$((n + 1))
    if ((n % 2)); then next="$VERSION-reload"; else next="$VERSION"; fi
    sed -i -E "s/^version \"[^\"]*\"/version \"$next\"/" "$WORK/ruleset.rules"
    code=$(curl -s -o "$WORK/reload.body" -w '%{http_code}' -X POST \
           -H "Authorization: Bearer $VERDICT_BENCH_RELOAD_TOKEN" "$URL/v1/reload" || echo 000)
    if [ "$code" = 200 ]; then ok=$((ok + 1)); else failed=$((failed + 1)); cp "$WORK/reload.body" "$WORK/reload.failed"; fi
    sleep 0.1
  done
  echo "$ok $failed" > "$WORK/reloads"
}
reload_loop &
RELOAD_PID=$!
reloading=$(run_wrk "$SECONDS_EACH")
touch "$WORK/stop"
wait "$RELOAD_PID"
RELOAD_PID=""
read -r reloads_ok reloads_failed < "$WORK/reloads"
r_rps=$(awk -v n="$(field requests "$reloading")" -v us="$(field duration_us "$reloading")" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
r_failed=$(( $(field non2xx "$reloading") + $(field socket_errors "$reloading") ))
echo "serve_load: run 2 (reloading): $r_rps requests/s, p50 $(ms "$(field p50_us "$reloading")") ms," \
     "p99 $(ms "$(field p99_us "$reloading")") ms, failed requests $r_failed;" \
     "reloads ok $reloads_ok, failed $reloads_failed"
[ -f "$WORK/reload.failed" ] && echo "serve_load: a failed reload answered: $(head -c 400 "$WORK/reload.failed")"
generation=$(curl -s "$URL/healthz" | sed -nE 's/.*"generation":([0-9]+).*/\1/p')
echo "serve_load: generation $generation after the reloads; load average $(cut -d' ' -f1-3 /proc/loadavg)"

kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || { echo "serve_load: the server did not stop cleanly" >&2; exit 1; }
SERVER_PID=""
echo "serve rps=$rps p50_ms=$p50 p99_ms=$p99 reload_failed=$((r_failed + reloads_failed))"
