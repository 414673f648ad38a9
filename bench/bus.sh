#!/usr/bin/env bash
# Bus benchmark against the Redis that scripts/services.sh starts (or NOA_TEST_REDIS / --redis host:port):
# tasks/s and p50/p99 enqueue→ack latency with 1 and 4 workers next to redis-benchmark's XADD ceiling, and
# latency at a paced 1k tasks/s. Prints a Markdown table (see docs/benchmarks.md, "Bus (Redis Streams)").
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-benchmark >/dev/null || { echo "redis-benchmark missing: scripts/services.sh installs redis-server/redis-tools" >&2; exit 1; }
dotnet run -c Release --project bench/bus -- "$@"
