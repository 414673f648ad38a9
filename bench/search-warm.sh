#!/usr/bin/env bash
# The first `noa search` after a digest, with the digest warming the home's resident search process
# (Noa__Search__WarmAfterDigest=true, what a digest from a terminal does) and without (false, a script's digest): each round
# digests SOURCE with embeddings into a fresh home (with make demo's own budget, Noa__Embeddings__MaxSeconds, which the
# search does not set), waits as a user reading the summary would, then times two searches.
#
# Usage: bench/search-warm.sh [SOURCE] (default: src/Noa.Cli/Search)   Env: NOA_BIN (default bin/noa), ROUNDS (default 2)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NOA=${NOA_BIN:-$ROOT/bin/noa}
SOURCE=$(cd "${1:-$ROOT/src/Noa.Cli/Search}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds() { local s; s=$(date +%s%N); "$@" >/dev/null 2>"$work/err" || true; echo "scale=3; ($(date +%s%N) - $s) / 1000000000" | bc; }
echo "| round | warm after digest | first search s | second search s | first answered by | load |"
echo "|---:|---|---:|---:|---|---:|"
for round in $(seq "${ROUNDS:-2}"); do
  for warm in false true; do
    home=$work/home-$warm-$round
    NOA_HOME=$home Noa__Search__WarmAfterDigest=$warm Noa__Embeddings__MaxSeconds=300 \
      "$NOA" digest "$SOURCE" --only embeddings --out "$work/out" >/dev/null 2>&1
    sleep 8
    first=$(NOA_HOME=$home seconds "$NOA" search "where the resident process listens" -v)
    by=$(grep -q "answered by the resident" "$work/err" && echo resident || echo "this process")
    second=$(NOA_HOME=$home seconds "$NOA" search "settings digest of the process")
    echo "| $round | $warm | $first | $second | $by | $(cut -d' ' -f1 /proc/loadavg) |"
    [ -f "$home/search/resident.pid" ] && kill "$(cat "$home/search/resident.pid")" 2>/dev/null || true
  done
done
