#!/usr/bin/env bash
# Bus benchmark against the Redis that scripts/services.sh starts (or NOA_TEST_REDIS / --redis host:port):
# tasks/s and p50/p99 enqueue→ack latency with 1 and 4 workers next to redis-benchmark's XADD ceiling measured
# in the same run, and latency at a paced 1k tasks/s. Prints a Markdown table and rewrites its own section of
# docs/benchmarks.md (between the bench:bus markers) unless --no-docs is given.
#
# Usage: bench/bus.sh [--no-docs] [--redis host:port] [--tasks N] [--paced-seconds S] [--batch B]
#        BENCH_NICE (e.g. -10): the bench process (not the Redis server) runs at that priority, so other work on a
#        shared machine disturbs the client side less; the table's header says so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
docs=1
args=()
for a in "$@"; do
  if [ "$a" = --no-docs ]; then docs=0; else args+=("$a"); fi
done
command -v redis-benchmark >/dev/null || { echo "redis-benchmark missing: scripts/services.sh installs redis-server (it brings redis-tools)" >&2; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
nice_cmd=()
[ -n "${BENCH_NICE:-}" ] && nice_cmd=(nice -n "$BENCH_NICE")
dotnet build -c Release bench/bus >/dev/null
BENCH_NICE=${BENCH_NICE:-0} "${nice_cmd[@]}" dotnet run -c Release --no-build --project bench/bus -- "${args[@]}" | tee "$out"
[ "$docs" = 1 ] || exit 0
BENCH_COMMAND="${BENCH_NICE:+BENCH_NICE=$BENCH_NICE }bench/bus.sh${args[*]:+ ${args[*]}}" python3 - "$out" docs/benchmarks.md <<'PY'
import os, sys
table, doc = open(sys.argv[1]).read().strip(), sys.argv[2]
begin, end = "<!-- bench:bus:begin -->", "<!-- bench:bus:end -->"
section = f"""{begin}
## Bus (Redis Streams)

Produced by: `{os.environ["BENCH_COMMAND"]}` (against the Redis of `scripts/services.sh`). Targets: at max rate
≥ 30% of the XADD ceiling; p99 < 5 ms at a paced 1k tasks/s. Tasks are no-ops: a worker reads up to a batch
(`ReadAsync`), acknowledges each task (`AckAsync`), and reads again.

{table}
{end}"""
text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n"
if begin in text and end in text:
    text = text[:text.index(begin)] + section + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(doc, "w").write(text)
print(f"wrote the bus section of {doc}", file=sys.stderr)
PY
