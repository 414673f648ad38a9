#!/usr/bin/env bash
# Embeddings benchmark (bench/embeddings): MiniLM chunks/s on real code chunks, single-thread baseline vs the
# batching variants, and CodeSearchNet-style retrieval quality (doc sentence → function, with every doc stripped
# from the index) of BM25, vectors and hybrid search in the embedded vector store, per language. Rewrites the
# "embeddings" section of docs/benchmarks.md (--no-doc: print only).
#
# Corpora: python (whole: stdlib + dist-packages), go (net + crypto + encoding of the standard library),
# java (java.base java/util), rust (whole), js (npm/node_modules: JavaScript and TypeScript). Each is digested once
# with `noa digest --only graph` into $NOA_BENCH_WORK/kg/NAME (delete it to re-digest).
#
# Usage: bench/embeddings.sh [--no-doc] [--quick]    --quick: 3 throughput variants, 40 queries, 600-function pools
# Env:   NOA_BIN (default bin/noa), NOA_CORPORA, NOA_BENCH_WORK (default .cache/bench/embeddings; also holds the
#        embedding cache), BENCH_QUERIES (per language, default 120), BENCH_POOL (functions per language, default
#        2500), BENCH_SEED (default 42), BENCH_THROUGHPUT (chunks, default 400), BENCH_RUNS (default 1)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CORPORA=${NOA_CORPORA:-$ROOT/.cache/corpora}
NOA=${NOA_BIN:-$ROOT/bin/noa}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/embeddings}
COMMAND=${BENCH_COMMAND:-bench/embeddings.sh${*:+ $*}}
for v in BENCH_QUERIES BENCH_POOL BENCH_SEED BENCH_THROUGHPUT BENCH_RUNS; do
  [ -n "${!v:-}" ] && COMMAND="$v=${!v} $COMMAND"
done
doc=(--doc docs/benchmarks.md) queries=${BENCH_QUERIES:-120} pool=${BENCH_POOL:-2500} variants=all
while [ $# -gt 0 ]; do
  case $1 in
    --no-doc) doc=() ;;
    --quick) variants=quick queries=${BENCH_QUERIES:-40} pool=${BENCH_POOL:-600} ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "embeddings bench: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

# name=folder under $CORPORA; a language may have several
PARTS=(python=python go=go/net go-crypto=go/crypto go-encoding=go/encoding java=java/java.base/java/util rust=rust
  js=npm/node_modules)
export Noa__Graph__IncludeVendored=true # node_modules is the JS corpus
for p in "${PARTS[@]}"; do
  name=${p%%=*} dir=$CORPORA/${p#*=}
  [ -d "$dir" ] || { echo "embeddings bench: $dir missing (scripts/corpora.sh)" >&2; exit 2; }
  [ -s "$WORK/kg/$name/kg.json" ] && continue
  [ -x "$NOA" ] || { echo "embeddings bench: $NOA missing (make build, or set NOA_BIN)" >&2; exit 2; }
  echo "digesting $dir" >&2
  rm -rf "$WORK/kg/$name" && mkdir -p "$WORK/kg"
  NOA_HOME=$(mktemp -d) "$NOA" digest "$dir" --out "$WORK/kg/$name" --only graph >"$WORK/kg/$name.log" 2>&1 \
    || { echo "embeddings bench: digest of $dir failed, see $WORK/kg/$name.log" >&2; exit 1; }
done
kg() { printf '%s=%s' "$WORK/kg/$1/kg.json" "$CORPORA/$2"; }

dotnet build bench/embeddings -c Release --nologo -v quiet
dotnet bench/embeddings/bin/Release/net10.0/Noa.Bench.Embeddings.dll \
  --target "python:python:$(kg python python)" \
  --target "go:go:$(kg go go/net),$(kg go-crypto go/crypto),$(kg go-encoding go/encoding)" \
  --target "java:java:$(kg java java/java.base/java/util)" \
  --target "rust:rust:$(kg rust rust)" \
  --target "js-ts:javascript+typescript:$(kg js npm/node_modules)" \
  --queries "$queries" --pool "$pool" --seed "${BENCH_SEED:-42}" --throughput "${BENCH_THROUGHPUT:-400}" \
  --runs "${BENCH_RUNS:-1}" --variants "$variants" --cache "$WORK/vectors-minilm.bin" --command "$COMMAND" "${doc[@]}"
