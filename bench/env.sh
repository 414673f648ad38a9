#!/usr/bin/env bash
# Env Synthesis against a hand-checked reference: for each repository of bench/env/reference.json it
#   1. exports the recorded commit of the clone under $NOA_EVAL/<repo> (git archive, so the shared clone is never
#      touched), or copies an entry with `corpus` from $NOA_CORPORA (scripts/corpora.sh apps: servers published on
#      npm and Debian), or says the repository is absent and how to get it,
#   2. digests it (`noa digest <tree> --only env`: intake, classifier, graph, env) with the proof off
#      (Noa__Env__Verify=false: nothing is built, so the env stage's own seconds are the plan's and the files'),
#   3. hands every env/plan.json to bench/env_compare.py, which prints per repository and per language: port, start
#      command and stores right, env-var recall and precision, and the stage's seconds.
# It also sums the stage's own static checks of its files (env/verify.json: compose against the compose-spec schema,
# k8s structure, .env.example against the plan) and prints each failure.
#
# Usage: bench/env.sh [--no-digest] [--only repo,repo] [--json OUT.json] [--verify]
#   --no-digest: score the digests an earlier run left in the work folder (no noa run)
#   --verify: leave the proof on (each server image built by buildah and started; minutes per repository)
# Env:   NOA_BIN (default bin/noa), NOA_EVAL (default /work/eval), NOA_CORPORA (default .cache/corpora),
#        NOA_BENCH_WORK (default .cache/bench/env)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NOA=${NOA_BIN:-${NOA:-$ROOT/bin/noa}}
EVAL=${NOA_EVAL:-/work/eval}
CORPORA=${NOA_CORPORA:-$ROOT/.cache/corpora}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/env}
REF=$ROOT/bench/env/reference.json

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

only="" json="$WORK/results.json" digest=1 verify=false
while [ $# -gt 0 ]; do
  case $1 in
    --only) only=$2; shift ;;
    --json) json=$2; shift ;;
    --no-digest) digest=0 ;;
    --verify) verify=true ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
  shift
done
command -v python3 >/dev/null || die "python3 is missing (apt-get install python3)"
[ "$digest" = 0 ] || [ -x "$NOA" ] || die "$NOA is missing: run 'make build' first"

mkdir -p "$WORK"
names=()
while IFS=$'\t' read -r repo upstream commit corpus; do
  [ -n "$only" ] && [[ ",$only," != *",$repo,"* ]] && continue
  dir="$WORK/$repo"
  names+=("$repo")
  if [ "$digest" = 0 ]; then
    [ -f "$dir/meta.json" ] || die "$repo: no earlier digest in $dir (run without --no-digest)"
    continue
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  meta() { printf '{"repo": "%s", "upstream": "%s", "commit": "%s", "status": "%s", "seconds": %s}\n' \
    "$repo" "$upstream" "$commit" "$1" "${2:-null}" >"$dir/meta.json"; }
  if [ "$corpus" != - ]; then
    if [ ! -d "$CORPORA/$corpus" ]; then
      log "bench: $repo: ABSENT: $CORPORA/$corpus is missing (scripts/corpora.sh ${corpus%%/*})"
      meta absent
      continue
    fi
    log "bench: $repo: digest of $upstream ($CORPORA/$corpus)"
    mkdir -p "$dir/src"
    cp -a "$CORPORA/$corpus/." "$dir/src/"
  else
    clone="$EVAL/$repo"
    if [ ! -d "$clone" ] || ! git -C "$clone" cat-file -e "$commit^{commit}" 2>/dev/null; then
      log "bench: $repo: ABSENT: $clone does not hold commit $commit (fetch github:$upstream and check it out there)"
      meta absent
      continue
    fi
    log "bench: $repo: digest of $upstream@${commit:0:12}"
    mkdir -p "$dir/src"
    if ! git -C "$clone" archive --format=tar "$commit" 2>/dev/null | tar -x -C "$dir/src" 2>/dev/null; then
      python3 "$ROOT/bench/git_export.py" "$clone" "$commit" "$dir/src" >&2 || die "$repo: cannot export $commit"
    fi
  fi
  if NOA_HOME="$dir/home" Noa__Env__Verify=$verify "$NOA" digest "$dir/src" --out "$dir/noa" --only env >"$dir/noa.log" 2>&1; then
    # The summary's time is 2.4s, or 7m47s for a long stage (a build with --verify): seconds either way.
    secs=$(grep -E '^\s+env\s+done' "$dir/noa.log" | awk '{for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+(m[0-9.]+)?s$|^[0-9.]+s$/) {print $i; exit}}' | sed -E 's/^([0-9]+)m([0-9.]+)s$/\1 \2/; s/s$//' |
      awk 'NF == 2 {print $1 * 60 + $2; next} {print $1}' || true)
    meta present "${secs:-null}"
  else
    tail -n 20 "$dir/noa.log" >"$dir/noa.err"
    log "bench: $repo: noa failed, see $dir/noa.log"
    meta present
  fi
  rm -rf "$dir/home"
done < <(python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["repos"]: print(r["repo"], r["upstream"], r["commit"], r.get("corpus", "-"), sep="\t")' "$REF")
[ ${#names[@]} -gt 0 ] || die "no repository selected"

log "bench: $(basename "$NOA") $(git -C "$ROOT" rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg)"
repos=$(IFS=,; echo "${names[*]}")
python3 "$ROOT/bench/env_compare.py" --reference "$REF" --work "$WORK" --repos "$repos" --json "$json"
