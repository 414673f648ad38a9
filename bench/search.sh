#!/usr/bin/env bash
# Search ranking bench (bench/search): the hand-written queries of bench/search/queries asked against real repositories
# digested with embeddings, recall@1, MRR and recall@10 per ranking variant on the tuning half and on the held-out half
# (the result). Each repository of bench/search/repos.tsv is exported at its commit from $NOA_EVAL/<folder> (this
# repository for `self`) into $NOA_BENCH_WORK/src/NAME and digested once (`noa digest --only embeddings`) into one
# NOA_HOME ($NOA_BENCH_WORK/home); delete $NOA_BENCH_WORK to digest again. A repository missing from $NOA_EVAL is named
# and the bench stops (its queries would count as misses). Rewrites the "search" section of docs/benchmarks.md
# (--no-doc: print only).
#
# Usage: bench/search.sh [--no-doc]
# Env:   NOA_BIN (default bin/noa), NOA_EVAL (default /work/eval), NOA_BENCH_WORK (default .cache/bench/search)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
NOA=${NOA_BIN:-$ROOT/bin/noa}
EVAL=${NOA_EVAL:-/work/eval}
WORK=$(realpath -m "${NOA_BENCH_WORK:-$ROOT/.cache/bench/search}")
COMMAND=bench/search.sh${*:+ $*}
doc=(--doc docs/benchmarks.md)
while [ $# -gt 0 ]; do
  case $1 in
    --no-doc) doc=() ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "search bench: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$NOA" ] || { echo "search bench: $NOA missing (make build, or set NOA_BIN)" >&2; exit 2; }
mkdir -p "$WORK/src" "$WORK/home" "$WORK/out"
sources=()
while IFS=$'\t' read -r name _repository commit folder paths; do
  case $name in '#'* | '') continue ;; esac
  clone=$EVAL/$folder
  [ "$folder" = self ] && clone=$ROOT
  dest=$WORK/src/$name
  if [ "$(cat "$WORK/src/$name.commit" 2>/dev/null)" != "$commit" ]; then
    git -C "$clone" cat-file -e "$commit^{commit}" 2>/dev/null \
      || { echo "search bench: $clone lacks commit $commit of $name (fetch it: see bench/search/repos.tsv)" >&2; exit 2; }
    rm -rf "$dest" "$WORK/out/$name" && mkdir -p "$dest"
    # shellcheck disable=SC2086 # paths is a space-separated list of pathspecs
    git -C "$clone" archive "$commit" -- $paths | tar -x -C "$dest"
    echo "digesting $name ($commit)" >&2
    NOA_HOME=$WORK/home "$NOA" digest "$dest" --out "$WORK/out/$name" --only embeddings >"$WORK/out/$name.log" 2>&1 \
      || { echo "search bench: digest of $name failed, see $WORK/out/$name.log" >&2; exit 1; }
    echo "$commit" >"$WORK/src/$name.commit"
  fi
  sources+=(--source "$name=$dest")
done <bench/search/repos.tsv

dotnet build bench/embeddings -c Release --nologo -v quiet
dotnet bench/embeddings/bin/Release/net10.0/Noa.Bench.Embeddings.dll --search bench/search --home "$WORK/home" "${sources[@]}" \
  --command "$COMMAND" "${doc[@]}"
