#!/usr/bin/env bash
# Entry-point benchmark: noa's entry points (kg.json `entrypoint` nodes) and service type (profile.json) against a
# hand-checked table of real repositories, bench/entrypoints/truth.tsv. For each repository of the table it
#   1. finds its checkout under $NOA_EVAL (owner+name or name; `self` is this repository) and records its commit
#      (a repository that is not there is reported as absent, never guessed),
#   2. exports the checked-out commit (git archive: a fetched snapshot's older history may be incomplete),
#   3. runs `bin/noa digest <export> --only graph` (intake, classifier, graph) with a fresh NOA_HOME,
#   4. hands kg.json and profile.json of every repository to bench/entrypoints/compare.py, which prints the
#      Markdown section (per repository: primary entry points found, those a README names, precision of the
#      product entry points, service type) and rewrites the entry-points section of docs/benchmarks.md.
#
# Usage: bench/entrypoints.sh [--no-doc | --doc] [--repos owner/name,...]
# Env:   NOA_BIN (default bin/noa), NOA_EVAL (default /work/eval), NOA_BENCH_WORK (default .cache/bench/entrypoints)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NOA=${NOA_BIN:-$ROOT/bin/noa}
EVAL=${NOA_EVAL:-/work/eval}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/entrypoints}
TRUTH=$ROOT/bench/entrypoints/truth.tsv
DOC=$ROOT/docs/benchmarks.md
COMMAND=${BENCH_COMMAND:-bench/entrypoints.sh${*:+ $*}}

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

write_doc=1 only=""
while [ $# -gt 0 ]; do
  case $1 in
    --no-doc) write_doc=0 ;;
    --doc) write_doc=1 ;;
    --repos) only=$2; shift ;;
    --repos=*) only=${1#*=} ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
  shift
done
[ -x "$NOA" ] || die "$NOA is missing: run 'make build' first"
command -v python3 >/dev/null || die "python3 is missing"
command -v git >/dev/null || die "git is missing"

mkdir -p "$WORK"
noa_built=$(stat -c %Y "$NOA")
repos=$(grep -v '^#' "$TRUTH" | cut -f1 | awk '!seen[$0]++')
for repo in $repos; do
  if [ -n "$only" ] && [[ ",$only," != *",$repo,"* ]]; then
    continue
  fi
  name=${repo//\//+}
  dir="$WORK/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$repo" = self ]; then
    checkout=$ROOT
  elif [ -d "$EVAL/$name" ]; then
    checkout=$EVAL/$name
  elif [ -d "$EVAL/${repo#*/}" ]; then
    checkout=$EVAL/${repo#*/}
  else
    log "bench: $repo: absent (no $EVAL/$name): fetch it and check it out there"
    printf '{"repo": "%s", "absent": true}\n' "$repo" >"$dir/meta.json"
    continue
  fi
  commit=$(git -C "$checkout" rev-parse HEAD)
  printf '{"repo": "%s", "checkout": "%s", "commit": "%s"}\n' "$repo" "$checkout" "$commit" >"$dir/meta.json"
  log "bench: $repo @ ${commit:0:12}"
  mkdir -p "$dir/src"
  git -C "$checkout" archive HEAD | tar -x -C "$dir/src"
  if ! NOA_HOME="$dir/home" "$NOA" digest "$dir/src" --only graph --out "$dir/noa" >"$dir/noa.log" 2>&1 || [ ! -f "$dir/noa/kg.json" ]; then
    tail -n 20 "$dir/noa.log" >"$dir/noa.err"
    log "bench: $repo: noa failed, see $dir/noa.log"
  fi
  rm -rf "$dir/src" "$dir/home"
done

rebuilt=0
if [ "$(stat -c %Y "$NOA")" != "$noa_built" ]; then
  log "bench: $NOA was rebuilt during the run: the doc is left alone"
  rebuilt=1 write_doc=0
fi
set -- --work "$WORK" --truth "$TRUTH" --command "$COMMAND" \
  --version "noa: bin/noa built $(date -u -r "$NOA" '+%Y-%m-%d %H:%M UTC') (repository HEAD $(git -C "$ROOT" rev-parse --short HEAD)), eval checkouts under $EVAL"
[ -n "$only" ] && set -- "$@" --repos "$only"
[ "$write_doc" = 1 ] && set -- "$@" --doc "$DOC"
python3 "$ROOT/bench/entrypoints/compare.py" "$@"
[ "$rebuilt" = 0 ]
