#!/usr/bin/env bash
# Where a cold `noa search` spends its time, for one or more builds side by side on the same collection and load:
# each build runs the queries of bench/search/queries/held-out.json as fresh processes, as `noa --version` (process
# start, runtime, command line), `noa search --mode text` (+ host, stores, the collection's load, keyword search),
# `--mode vector` (+ the query model's load and one embedding) and the default hybrid; p50/p99 wall and median CPU.
# A build whose `noa search` asks a resident search process (search/ in the home) starts with none running, so its first
# search includes the resident process's start; that process's own CPU is reported apart (the table's CPU is the CLI's).
# The collection is what bench/search.sh digested ($NOA_BENCH_WORK/home, ~10k chunks).
# Usage: bench/search-latency.sh [NAME=NOA_BIN ...]   (default: this tree's bin/noa)
# Env:   NOA_BENCH_WORK (default .cache/bench/search), BENCH_QUERIES (default 20)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=$(realpath -m "${NOA_BENCH_WORK:-$ROOT/.cache/bench/search}")
[ -d "$WORK/home/vectors" ] || { echo "search latency: $WORK/home has no collection; run bench/search.sh first" >&2; exit 2; }
[ $# -gt 0 ] || set -- "this=$ROOT/bin/noa"
mapfile -t queries < <(python3 -c 'import json,sys; [print(q["query"]) for q in json.load(open(sys.argv[1]))["queries"][:int(sys.argv[2])]]' \
  bench/search/queries/held-out.json "${BENCH_QUERIES:-20}")
stats() { python3 -c '
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
wall = sorted(float(r[0]) * 1000 for r in rows); cpu = sorted(float(r[1]) * 1000 for r in rows)
pick = lambda v, p: v[min(len(v) - 1, max(0, -(-len(v) * p // 100) - 1))]
print(f"p50 {pick(wall, 50):.0f} ms, p99 {pick(wall, 99):.0f} ms, CPU median {pick(cpu, 50):.0f} ms ({len(wall)} runs)")'; }
db=$WORK/home/vectors/vectors.db
echo "collection: $(sqlite3 "$db" "select count(*) from c_$(sqlite3 "$db" 'select name from collections limit 1')" 2>/dev/null || echo '?') chunks; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| build | step | wall (cold process) |"
echo "|---|---|---|"
pidfile=$WORK/home/search/resident.pid
stop_resident() { [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null && sleep 1; rm -f "$pidfile"; }
for pair in "$@"; do
  name=${pair%%=*} noa=${pair#*=}
  stop_resident
  for step in version text vector hybrid; do
    : >"$WORK/latency.txt"
    for q in "${queries[@]}"; do
      case $step in
        version) args=(--version) ;;
        text) args=(search "$q" --mode text) ;;
        vector) args=(search "$q" --mode vector) ;;
        hybrid) args=(search "$q") ;;
      esac
      /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" env NOA_HOME="$WORK/home" "$noa" "${args[@]}" >/dev/null 2>&1
      awk '{print $1, $2 + $3}' "$WORK/time.txt" >>"$WORK/latency.txt"
    done
    echo "| $name | $step | $(stats <"$WORK/latency.txt") |"
  done
  if [ -s "$pidfile" ]; then
    ticks=$(awk '{print $14 + $15}' "/proc/$(cat "$pidfile")/stat" 2>/dev/null || echo 0)
    rss=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$(cat "$pidfile")/status" 2>/dev/null || echo '?')
    echo "| $name | resident search process (started by the first search) | CPU $(python3 -c "print(f'{$ticks / $(getconf CLK_TCK):.1f}')") s in all, peak RSS $rss MB |"
  fi
  stop_resident
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
