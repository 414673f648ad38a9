#!/usr/bin/env bash
# Graph Extract benchmark: noa's Graph stage against universal-ctags, on the same trees in the same
# run. For each target folder it
#   1. times `ctags --output-format=json --fields=+nKzl --extras=-F -R` (best of N),
#   2. times `bin/noa digest <folder> --only graph --out <dir>` (intake, classifier, graph; best of N) under
#      /usr/bin/time for peak RSS and user + system CPU, with a fresh NOA_HOME (so no graph cache)
#      and output folder each run; vendored files are parsed too (Noa__Graph__IncludeVendored),
#      so node_modules counts like any other folder,
#   3. reads the graph stage's own time from `noa runs show RUN --json` of the best run,
#   4. digests every framework app under endpoints/ once (not timed),
#   5. hands everything to bench/graph_compare.py, which prints the Markdown section (definition
#      recall per language, throughput ratio, memory, CPU use, endpoint recall), rewrites the graph
#      section of docs/benchmarks.md and prints on stderr the top missed kinds with examples.
#
# Targets: the Go tree's net/ (the whole standard library is 94 MB: ctags writes ~340k tags for it,
# mostly constants of generated syscall tables), java.base's java/util (the whole JDK is 193 MB),
# and the whole python, rust, csharp and npm corpora, plus rxjs digested as its own repository (its
# TypeScript sources, read as first-party code, so the row does not depend on how vendored code is
# handled). --targets takes any of these names and also go-all and java-all (the whole trees;
# minutes, not seconds).
#
# Usage: bench/graph.sh [--no-doc | --doc] [--targets go,java,...] [--no-endpoints]
# Env:   NOA_BIN (default bin/noa), NOA_CORPORA, NOA_BENCH_WORK (default .cache/bench/graph),
#        BENCH_RUNS (runs per tool and target, the best is kept; default 3),
#        BENCH_NICE (e.g. -10: both tools run at that priority)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPORA=${NOA_CORPORA:-$ROOT/.cache/corpora}
NOA=${NOA_BIN:-$ROOT/bin/noa}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/graph}
DOC=$ROOT/docs/benchmarks.md
RUNS=${BENCH_RUNS:-3}
COMMAND=${BENCH_COMMAND:-bench/graph.sh${*:+ $*}}
for v in BENCH_RUNS BENCH_NICE; do
  [ -n "${!v:-}" ] && COMMAND="$v=${!v} $COMMAND"
done
NICE=()
[ -n "${BENCH_NICE:-}" ] && NICE=(nice -n "$BENCH_NICE")

# name=folder under $CORPORA, in table order; the first list is the default
TARGETS=(
  go=go/net
  java=java/java.base/java/util
  python=python
  rust=rust
  csharp=csharp
  npm=npm
  npm-rxjs=npm/node_modules/rxjs
)
EXTRA_TARGETS=(go-all=go java-all=java)

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }
rel() { case $1 in "$ROOT"/*) printf '%s' "${1#"$ROOT"/}" ;; *) printf '%s' "$1" ;; esac; }

write_doc=1 only="" endpoints=1
while [ $# -gt 0 ]; do
  case $1 in
    --no-doc) write_doc=0 ;;
    --doc) write_doc=1 ;;
    --targets) only=$2; shift ;;
    --targets=*) only=${1#*=} ;;
    --no-endpoints) endpoints=0 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
  shift
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive number, not '$RUNS'"

# --- tools: Debian packages, installed when missing ---------------------------------------------
apt_install() {
  local n=0
  apt-cache show "$@" >/dev/null 2>&1 || apt-get update -qq >&2 || true
  until DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2; do
    n=$((n + 1))
    [ "$n" -ge 6 ] && die "apt-get install $* failed"
    log "bench: apt is busy, retrying in 10 s"
    sleep 10
  done
}
ctags --version 2>/dev/null | grep -q 'Universal Ctags' || apt_install universal-ctags
[ -x /usr/bin/time ] || apt_install time
command -v python3 >/dev/null || apt_install python3
[ -x "$NOA" ] || die "$NOA is missing: run 'make build' first"

"$ROOT/scripts/corpora.sh" >&2
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)
noa_built=$(stat -c %Y "$NOA" 2>/dev/null || echo none)
export Noa__Graph__IncludeVendored=true

# timed OUT.json PREPARE COMMAND: RUNS runs of COMMAND under /usr/bin/time, PREPARE before each;
# writes every run's wall, user, sys seconds and peak RSS (KB)
timed() {
  local out=$1 prepare=$2 cmd=$3 i runs=()
  for ((i = 0; i < RUNS; i++)); do
    [ -n "$prepare" ] && bash -c "$prepare"
    "${NICE[@]}" /usr/bin/time -f '{"wall": %e, "user": %U, "sys": %S, "rss_kb": %M}' -o "$out.run" \
      bash -c "$cmd" || return 1
    runs+=("$(tail -n 1 "$out.run")")
  done
  (IFS=,; printf '{"runs": [%s]}\n' "${runs[*]}") >"$out"
  rm -f "$out.run"
}

# --- definitions: ctags and noa on each target --------------------------------------------------
names=()
for t in "${TARGETS[@]}" "${EXTRA_TARGETS[@]}"; do
  name=${t%%=*} sub=${t#*=}
  if [ -n "$only" ]; then
    [[ ",$only," == *",$name,"* ]] || continue
  else
    [[ " ${EXTRA_TARGETS[*]} " == *" $t "* ]] && continue
  fi
  src="$CORPORA/$sub"
  [ -d "$src" ] || die "corpus folder $src is missing"
  dir="$WORK/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  names+=("$name")
  files=$(find "$src" -type f | wc -l)
  bytes=$(find "$src" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  printf '{"name": "%s", "path": "%s", "files": %s, "bytes": %s}\n' \
    "$name" "$(rel "$src")" "$files" "$bytes" >"$dir/meta.json"

  log "bench: $name: ctags ($RUNS runs)"
  timed "$dir/ctags.time.json" "" \
    "cd '$src' && ctags --output-format=json --fields=+nKzl --extras=-F -R -f - . >'$dir/ctags.json' 2>'$dir/ctags.log'" \
    || die "$name: ctags failed, see $dir/ctags.log"

  log "bench: $name: noa ($RUNS runs)"
  # Homes are not deleted between runs: deleting thousands of files right before creating
  # thousands costs seconds of system time on this disk, which is the benchmark's doing, not noa's.
  mkdir -p "$dir/homes"
  if ! timed "$dir/noa.time.json" "rm -rf '$dir/noa'" \
    "NOA_HOME=\$(mktemp -d -p '$dir/homes') '$NOA' digest '$src' --only graph --out '$dir/noa' >'$dir/noa.log' 2>&1" \
    || [ ! -f "$dir/noa/kg.json" ]; then
    { tail -n 20 "$dir/noa.log"; [ -f "$dir/noa/kg.json" ] || echo "no kg.json written"; } >"$dir/noa.err"
    log "bench: $name: noa failed, see $dir/noa.log"
    continue
  fi
  # every run's stage times: the compare script takes the graph stage of the fastest run
  for home in "$dir"/homes/*; do
    run_id=$(NOA_HOME="$home" "$NOA" runs list --json --limit 1 |
      python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["runId"])') &&
      NOA_HOME="$home" "$NOA" runs show "$run_id" --json >"$home.run.json" || rm -f "$home.run.json"
  done
  python3 -c 'import json,sys; print(json.dumps([json.load(open(p)) for p in sys.argv[1:]]))' \
    $(ls -tr "$dir"/homes/*.run.json 2>/dev/null) >"$dir/noa.runs.json"
done

# --- endpoints: one digest per framework app, not timed ----------------------------------------
ep_names=()
if [ "$endpoints" = 1 ]; then
  for app in "$CORPORA"/endpoints/*/; do
    app=${app%/}
    fw=$(basename "$app")
    dir="$WORK/endpoints/$fw"
    rm -rf "$dir"
    mkdir -p "$dir"
    ep_names+=("$fw")
    log "bench: endpoints: $fw"
    printf '{"name": "%s", "path": "%s"}\n' "$fw" "$(rel "$app")" >"$dir/meta.json"
    NOA_HOME=$(mktemp -d -p "$dir") "$NOA" digest "$app" --only graph --out "$dir/noa" >"$dir/noa.log" 2>&1 \
      || { tail -n 20 "$dir/noa.log" >"$dir/noa.err"; log "bench: endpoints: $fw: noa failed, see $dir/noa.log"; }
  done
fi

rebuilt=0
if [ "$(stat -c %Y "$NOA" 2>/dev/null || echo none)" != "$noa_built" ]; then
  log "bench: $NOA was rebuilt during the run, so the numbers mix two builds: the doc is left alone"
  rebuilt=1 write_doc=0
fi
versions="$(ctags --version | head -n1 | sed 's/,.*//') ($(dpkg-query -W -f '${Version}' universal-ctags 2>/dev/null || echo '?'))"
versions+=", noa: $(rel "$NOA") built $(date -u -r "$NOA" '+%Y-%m-%d %H:%M UTC') (repository HEAD $(git -C "$ROOT" rev-parse --short HEAD))"
set -- --work "$WORK" --targets "$(IFS=,; echo "${names[*]}")" --command "$COMMAND" \
  --versions "$versions" --json "$WORK/results.json" --load-start "$load_start" --corpora "$CORPORA"
[ ${#ep_names[@]} -gt 0 ] && set -- "$@" --endpoints "$(IFS=,; echo "${ep_names[*]}")"
[ "$write_doc" = 1 ] && set -- "$@" --doc "$DOC"
python3 "$ROOT/bench/graph_compare.py" "$@"
[ "$rebuilt" = 0 ] && ! compgen -G "$WORK/*/noa.err" >/dev/null && ! compgen -G "$WORK/endpoints/*/noa.err" >/dev/null
