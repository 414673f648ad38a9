#!/usr/bin/env bash
# Runs a benchmark against its reference tool; each rewrites its own section of
# docs/benchmarks.md. `make bench` calls it for classifier, graph, secrets, sbom and embeddings (the ones that
# need no server) after `make build` and `make corpora`.
#
# Usage: bench/run.sh [NAME [ARGS...]]   runs bench/NAME.sh; NAME defaults to classifier, the one
#                                        that needs no server (list: bench/run.sh --list)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name=${1:-classifier}
[ $# -gt 0 ] && shift
case $name in
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  --list) for f in "$here"/*.sh; do b=$(basename "$f" .sh); [ "$b" = run ] || echo "$b"; done; exit 0 ;;
esac
[[ $name =~ ^[a-z0-9-]+$ && -x $here/$name.sh && $name != run ]] \
  || { echo "bench: unknown benchmark '$name' (known: $("$0" --list | tr '\n' ' '))" >&2; exit 2; }
# the doc names the command that produced its numbers
BENCH_COMMAND=${BENCH_COMMAND:-bench/run.sh $name${*:+ $*}} exec "$here/$name.sh" "$@"
