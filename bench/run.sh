#!/usr/bin/env bash
# Runs the benchmarks against the reference tools; each rewrites its own section of
# docs/benchmarks.md. `make bench` calls this after `make build` and `make corpora`.
#
# Usage: bench/run.sh [NAME [ARGS...]]   NAME: classifier (the default; for now the only one)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name=${1:-classifier}
[ $# -gt 0 ] && shift
case $name in
  classifier) BENCH_COMMAND=${BENCH_COMMAND:-bench/run.sh classifier${*:+ $*}} exec "$here/classifier.sh" "$@" ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' ;;
  *) echo "bench: unknown benchmark '$name' (known: classifier)" >&2; exit 2 ;;
esac
