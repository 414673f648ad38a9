#!/usr/bin/env bash
# Endpoint-recall benchmark: noa's Graph stage on real applications, against ground truth written by reading them.
# For each application of bench/endpoints/repos.tsv it
#   1. exports the recorded commit of the clone under $NOA_EVAL/<repository name> (git archive, so the shared clone is
#      never touched), or says the repository is absent and how to get it,
#   2. digests it (`noa digest <tree>[/folder] --out <dir> --only graph`: intake, classifier, graph),
#   3. hands every kg.json to bench/endpoints_compare.py, which matches its endpoints with
#      bench/endpoints/truth/<name>.tsv (METHOD, full path, handler file) and prints recall and precision per
#      application and per framework; with --doc it rewrites the endpoints section of docs/benchmarks.md.
#
# Usage: bench/endpoints.sh [--no-doc] [--only name,name] [--before RESULTS.json] [--json OUT.json] [--no-digest]
#   --before: results of an earlier run (its --json), shown beside this one ("before → after")
#   --no-digest: compare the digests an earlier run left in the work folder (no noa run)
# Env:   NOA_BIN (default bin/noa), NOA_EVAL (default /work/eval), NOA_BENCH_WORK (default .cache/bench/endpoints)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NOA=${NOA_BIN:-$ROOT/bin/noa}
EVAL=${NOA_EVAL:-/work/eval}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/endpoints}
DOC=$ROOT/docs/benchmarks.md
COMMAND=${BENCH_COMMAND:-bench/endpoints.sh${*:+ $*}}

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

write_doc=1 only="" before="" json="$WORK/results.json" digest=1
while [ $# -gt 0 ]; do
  case $1 in
    --no-doc) write_doc=0 ;;
    --only) only=$2; shift ;;
    --before) before=$2; shift ;;
    --json) json=$2; shift ;;
    --no-digest) digest=0 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
  shift
done
[ -x "$NOA" ] || die "$NOA is missing: run 'make build' first"
command -v python3 >/dev/null || die "python3 is missing (apt-get install python3)"
[ -n "$before" ] && [ ! -f "$before" ] && die "--before $before: no such file"

mkdir -p "$WORK"
names=()
while IFS=$'\t' read -r name framework repository commit folder set; do
  [[ -z $name || $name == \#* ]] && continue
  [ -n "$only" ] && [[ ",$only," != *",$name,"* ]] && continue
  dir="$WORK/$name"
  names+=("$name")
  if [ "$digest" = 0 ]; then
    [ -f "$dir/meta.json" ] || die "$name: no earlier digest in $dir (run without --no-digest)"
    continue
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  clone="$EVAL/${repository##*/}"
  meta() { printf '{"name": "%s", "framework": "%s", "repository": "%s", "commit": "%s", "folder": "%s", "set": "%s", "status": "%s"}\n' \
    "$name" "$framework" "$repository" "$commit" "$folder" "${set:-dev}" "$1" >"$dir/meta.json"; }
  if [ ! -d "$clone" ] || ! git -C "$clone" cat-file -e "$commit^{commit}" 2>/dev/null; then
    log "bench: $name: ABSENT: $clone does not hold commit $commit (fetch github:${repository#github.com/} and clone it there)"
    meta absent
    continue
  fi
  log "bench: $name: digest of $repository@${commit:0:12}${folder:+ ($folder)}"
  mkdir -p "$dir/src"
  if ! git -C "$clone" archive --format=tar "$commit" 2>/dev/null | tar -x -C "$dir/src" 2>/dev/null; then
    # a snapshot may lack its largest files (fetch keeps files under 4 MiB): export what it has, say what it lacks
    python3 "$ROOT/bench/git_export.py" "$clone" "$commit" "$dir/src" >&2 || die "$name: cannot export $commit"
  fi
  meta present
  NOA_HOME="$dir/home" "$NOA" digest "$dir/src/$folder" --out "$dir/noa" --only graph >"$dir/noa.log" 2>&1 \
    || { tail -n 20 "$dir/noa.log" >"$dir/noa.err"; log "bench: $name: noa failed, see $dir/noa.log"; }
  rm -rf "$dir/home"
done <"$ROOT/bench/endpoints/repos.tsv"
[ ${#names[@]} -gt 0 ] || die "no application selected"

version="$(realpath --relative-to="$ROOT" "$NOA" 2>/dev/null || echo "$NOA") built $(date -u -r "$NOA" '+%Y-%m-%d %H:%M UTC') (repository HEAD $(git -C "$ROOT" rev-parse --short HEAD))"
set -- --work "$WORK" --apps "$(IFS=,; echo "${names[*]}")" --truth "$ROOT/bench/endpoints/truth" \
  --command "$COMMAND" --version "$version" --json "$json"
[ -n "$before" ] && set -- "$@" --before "$before"
[ "$write_doc" = 1 ] && set -- "$@" --doc "$DOC"
python3 "$ROOT/bench/endpoints_compare.py" "$@"
