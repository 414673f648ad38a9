#!/usr/bin/env bash
# Gateway benchmark: wrk on GET /healthz and on POST /digest (enqueue only: `noa serve --target gateway`, so no
# scheduler takes the runs; each request validates, writes the queued run and its audit record to SQLite and
# publishes StartRun on the in-process bus). Rate limit and queue depth are lifted so every answer is 202.
# Prints a Markdown table and rewrites its own section of docs/benchmarks.md (bench:gateway markers) unless --no-docs.
#
# Usage: bench/gateway.sh [--no-docs] [--seconds S] [--connections C]   (NOA=path/to/noa, default bin/noa)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
docs=1 seconds=10 connections=32
while [ $# -gt 0 ]; do
  case "$1" in
    --no-docs) docs=0 ;;
    --seconds) seconds=$2; shift ;;
    --connections) connections=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
noa=${NOA:-bin/noa}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
[ -x "$noa" ] || { echo "$noa missing: make build" >&2; exit 1; }

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
key="noa_bench_$(head -c 32 /dev/urandom | base64 | tr -d '=+/\n')"
printf '%s\n' "$key" > "$work/admin.key"
mkdir -p "$work/src" && echo 'print(1)' > "$work/src/main.py"
Logging__LogLevel__Default=Warning NOA_HOME="$work/home" \
  Noa__Gateway__BootstrapKeyFile="$work/admin.key" Noa__Gateway__MaxQueueDepth=100000000 Noa__Gateway__AllowLocalSources=true \
  Noa__Gateway__RateLimitBurst=100000000 Noa__Gateway__RateLimitPerSecond=100000000 \
  "$noa" serve --target gateway --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"source":"$work/src","only":["intake"]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA

run() { # name, then wrk arguments; prints a table row
  local name=$1; shift
  wrk -t2 -c"$connections" -d2s "$@" >/dev/null   # warm-up: JIT, connection pools, SQLite pages
  local out; out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  echo "| $name | $rps | $p50 | $p99 | ${errors:-0} |"
}
load=$(cut -d' ' -f1-3 /proc/loadavg)
table=$(
  echo "| endpoint | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  run "GET /healthz" "http://127.0.0.1:$port/healthz"
  run "POST /digest (enqueue only)" -s "$work/post.lua" "http://127.0.0.1:$port/digest"
)
echo "$table"
echo "wrk -t2 -c$connections -d${seconds}s on $(nproc) cores, load average before: $load"
[ "$docs" = 1 ] || exit 0
BENCH_TABLE="$table" BENCH_NOTE="wrk -t2 -c$connections -d${seconds}s, $(nproc) cores shared with the server, load average before the run: $load" python3 - docs/benchmarks.md <<'PY'
import os, sys
doc = sys.argv[1]
begin, end = "<!-- bench:gateway:begin -->", "<!-- bench:gateway:end -->"
section = f"""{begin}
## Gateway

Produced by: `bench/gateway.sh` ({os.environ["BENCH_NOTE"]}). `noa serve --target gateway` on the embedded
stores; POST /digest is enqueue only (validate, write the queued run and its audit record, publish StartRun).

{os.environ["BENCH_TABLE"]}
{end}"""
text = open(doc).read()
if begin in text:
    text = text[:text.index(begin)] + section + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(doc, "w").write(text)
PY
