#!/usr/bin/env bash
# Classifier benchmark: noa's Classifier against github-linguist, on the same corpora in the same
# run. For each target folder it
#   1. commits the folder into a git repository under $WORK/git (linguist reads only git
#      repositories; made once per corpus version and not timed),
#   2. times `github-linguist <repo> --breakdown --json` with hyperfine,
#   3. times `bin/noa digest <folder> --only classifier --out <dir>` with hyperfine, a fresh
#      NOA_HOME and output folder each run,
#   4. hands both outputs to bench/compare.py, which prints the Markdown table (per-language byte
#      shares, max difference in points, speed-up) and rewrites the classifier section of
#      docs/benchmarks.md.
#
# Usage: bench/classifier.sh [--linguist-only] [--no-doc | --doc] [--targets go,java,...]
#   --linguist-only  skip noa (before bin/noa exists); leaves the doc alone unless --doc
#   --no-doc         print the table only; --doc: rewrite the doc section (the default)
# Env:   NOA_BIN (default bin/noa), NOA_CORPORA, NOA_BENCH_WORK (default .cache/bench/classifier),
#        BENCH_MIN_RUNS / BENCH_MAX_RUNS (hyperfine's bounds, default 3 / 10: fast commands get
#        10 runs, slow ones 3; noa on the Go tree gets at least BENCH_STDLIB_MIN_RUNS, default 5),
#        BENCH_IDLE_WAIT (seconds to wait for the 1-minute load average
#        to fall below 1.5 before timing; default 0, the load is printed in the doc either way),
#        BENCH_NICE (e.g. -10: both tools run at that priority, so other work on a shared machine
#        disturbs the wall times less)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPORA=${NOA_CORPORA:-$ROOT/.cache/corpora}
NOA=${NOA_BIN:-$ROOT/bin/noa}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/classifier}
DOC=$ROOT/docs/benchmarks.md
MIN_RUNS=${BENCH_MIN_RUNS:-3}
MAX_RUNS=${BENCH_MAX_RUNS:-10}
STDLIB_MIN_RUNS=${BENCH_STDLIB_MIN_RUNS:-5}
COMMAND=${BENCH_COMMAND:-bench/classifier.sh${*:+ $*}}
# the settings that change the numbers belong in the command the doc shows
for v in BENCH_MAX_RUNS BENCH_MIN_RUNS BENCH_STDLIB_MIN_RUNS BENCH_IDLE_WAIT BENCH_NICE; do
  [ -n "${!v:-}" ] && COMMAND="$v=${!v} $COMMAND"
done
NICE=()
[ -n "${BENCH_NICE:-}" ] && NICE=(nice -n "$BENCH_NICE")

# name=folder under $CORPORA. linguist treats node_modules/ as vendored, so the whole npm corpus
# shows how each tool handles vendored code, and two packages are also measured on their own.
TARGETS=(
  go=go
  java=java
  python=python
  rust=rust
  csharp=csharp
  npm=npm
  npm-express=npm/node_modules/express
  npm-rxjs=npm/node_modules/rxjs
)

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }
rel() { case $1 in "$ROOT"/*) printf '%s' "${1#"$ROOT"/}" ;; *) printf '%s' "$1" ;; esac; }

linguist_only=0 write_doc="" only=""
while [ $# -gt 0 ]; do
  case $1 in
    --linguist-only) linguist_only=1 ;;
    --no-doc) write_doc=0 ;;
    --doc) write_doc=1 ;;
    --targets) only=$2; shift ;;
    --targets=*) only=${1#*=} ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
  shift
done
[ -n "$write_doc" ] || write_doc=$((1 - linguist_only))

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
command -v github-linguist >/dev/null || apt_install ruby-github-linguist
command -v hyperfine >/dev/null || apt_install hyperfine
command -v git >/dev/null || apt_install git
command -v python3 >/dev/null || apt_install python3
if [ "$linguist_only" = 0 ] && [ ! -x "$NOA" ]; then
  die "$NOA is missing: run 'make build' first (or pass --linguist-only)"
fi

"$ROOT/scripts/corpora.sh" >&2
# on a shared machine, optionally wait for the other work to calm down before timing anything
if [ "${BENCH_IDLE_WAIT:-0}" -gt 0 ]; then
  deadline=$((SECONDS + BENCH_IDLE_WAIT))
  while awk '{ exit !($1 > 1.5) }' /proc/loadavg && [ $SECONDS -lt $deadline ]; do
    log "bench: load average $(cut -d' ' -f1 /proc/loadavg), waiting for it to fall below 1.5"
    sleep 15
  done
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)
noa_built=$(stat -c %Y "$NOA" 2>/dev/null || echo none)

# --- helpers ------------------------------------------------------------------------------------
# git_repo NAME FOLDER → prints the git dir, made again only when the corpus stamp changes
git_repo() {
  local name=$1 src=$2 gd="$WORK/git/$1.git" key top
  top=${3:-$name}
  key="$(head -n1 "$CORPORA/.stamps/$top" 2>/dev/null || echo none) $src"
  if [ -d "$gd" ] && [ "$(cat "$gd.key" 2>/dev/null)" = "$key" ]; then
    printf '%s' "$gd"
    return
  fi
  rm -rf "$gd" "$gd.key"
  mkdir -p "$WORK/git"
  (
    export GIT_DIR=$gd GIT_WORK_TREE=$src GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost \
      GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost \
      GIT_AUTHOR_DATE=2000-01-01T00:00:00Z GIT_COMMITTER_DATE=2000-01-01T00:00:00Z
    git init -q
    # -f: the corpus's own .gitignore files must not hide from linguist what noa reads
    git -c core.autocrlf=false -c core.safecrlf=false add -f -A
    git commit -q --no-verify -m corpus
  ) >&2
  printf '%s' "$key" >"$gd.key"
  printf '%s' "$gd"
}

# measure OUT_JSON PREPARE COMMAND [MIN_RUNS]: hyperfine when present, else timed repeats in the
# same JSON
measure() {
  local out=$1 prepare=$2 cmd=$3 min=${4:-$MIN_RUNS}
  if command -v hyperfine >/dev/null; then
    "${NICE[@]}" hyperfine --style basic --min-runs "$min" --max-runs "$((min > MAX_RUNS ? min : MAX_RUNS))" \
      ${prepare:+--prepare "$prepare"} --export-json "$out" "$cmd" >&2
  else
    python3 - "$out" "$min" "$prepare" "$cmd" <<'EOF'
import json, subprocess, sys, time
out, runs, prepare, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
times = []
for _ in range(runs):
    if prepare:
        subprocess.run(prepare, shell=True, check=True)
    t0 = time.perf_counter()
    subprocess.run(cmd, shell=True, check=True)
    times.append(time.perf_counter() - t0)
json.dump({"results": [{"command": cmd, "times": times}]}, open(out, "w"))
EOF
  fi
}

# --- run ----------------------------------------------------------------------------------------
names=()
stdlib_cmd=""
for t in "${TARGETS[@]}"; do
  name=${t%%=*} sub=${t#*=}
  if [ -n "$only" ] && [[ ",$only," != *",$name,"* ]]; then continue; fi
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

  log "bench: $name: git repository for linguist"
  gd=$(git_repo "$name" "$src" "${sub%%/*}")
  log "bench: $name: github-linguist"
  measure "$dir/linguist.hf.json" "" "github-linguist $gd --breakdown --json > $dir/linguist.json"

  [ "$linguist_only" = 1 ] && continue
  noa_cmd="$NOA digest $src --only classifier --out $dir/noa"
  [ "$name" = go ] && stdlib_cmd="$(rel "$NOA") digest $(rel "$src") --only classifier --out $(rel "$dir/noa")"
  log "bench: $name: noa (a first run to check it works)"
  if ! NOA_HOME="$dir/noa-home" $noa_cmd >"$dir/noa.log" 2>&1 || [ ! -f "$dir/noa/profile.json" ]; then
    { tail -n 20 "$dir/noa.log"; [ -f "$dir/noa/profile.json" ] || echo "no profile.json written"; } >"$dir/noa.err"
    log "bench: $name: noa failed, see $dir/noa.log"
    continue
  fi
  # the Go standard library timing is quoted on its own, so it gets more runs
  # Each timed run gets a new, empty home. Homes are not deleted between runs: on this machine's disk,
  # creating thousands of files right after deleting thousands costs several seconds of system time
  # (measured: 0.3 s vs 4.5 s of sys for the npm corpus), which is the benchmark's doing, not noa's.
  rm -rf "$dir/homes"; mkdir -p "$dir/homes"
  measure "$dir/noa.hf.json" "rm -rf $dir/noa" "NOA_HOME=\$(mktemp -d -p $dir/homes) $noa_cmd" \
    "$([ "$name" = go ] && echo "$STDLIB_MIN_RUNS" || echo "$MIN_RUNS")"
  # The last timed run's stage attempts, as noa recorded them: where its time went.
  last_home=$(ls -td "$dir"/homes/* | head -n 1)
  run_id=$(NOA_HOME="$last_home" "$NOA" runs list --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["runId"])') &&
    NOA_HOME="$last_home" "$NOA" runs show "$run_id" --json >"$dir/noa.run.json" || rm -f "$dir/noa.run.json"
done

rebuilt=0
if [ "$linguist_only" = 0 ] && [ "$(stat -c %Y "$NOA" 2>/dev/null || echo none)" != "$noa_built" ]; then
  log "bench: $NOA was rebuilt during the run, so the numbers mix two builds: the doc is left alone"
  rebuilt=1 write_doc=0
fi
versions="github-linguist $(dpkg-query -W -f '${Version}' ruby-github-linguist 2>/dev/null || github-linguist --help | head -n1)"
versions+=", hyperfine $(hyperfine --version 2>/dev/null | awk '{ print $2 }')"
if [ "$linguist_only" = 0 ]; then
  versions+=", noa: $(rel "$NOA") built $(date -u -r "$NOA" '+%Y-%m-%d %H:%M UTC') (repository HEAD $(git -C "$ROOT" rev-parse --short HEAD))"
fi
set -- --work "$WORK" --targets "$(IFS=,; echo "${names[*]}")" --command "$COMMAND" \
  --versions "$versions" --json "$WORK/results.json" --load-start "$load_start"
[ -n "$stdlib_cmd" ] && set -- "$@" --stdlib-command "$stdlib_cmd"
languages_yml=$(gem contents github-linguist 2>/dev/null | grep 'lib/linguist/languages.yml$' | head -n1 || true)
[ -n "$languages_yml" ] && set -- "$@" --languages-yml "$languages_yml"
[ "$write_doc" = 1 ] && set -- "$@" --doc "$DOC"
python3 "$ROOT/bench/compare.py" "$@"
# a failed noa run is a failed benchmark, after the table has shown which corpus failed
[ "$rebuilt" = 0 ] && ! compgen -G "$WORK/*/noa.err" >/dev/null
