#!/usr/bin/env bash
# Runner benchmark (bench/runner): `noa digest DIR --only runner` (intake, classifier, graph, safety, runner) on real
# repositories — the `suites` corpus and every folder of $NOA_EVAL (repositories fetched for evaluation; their commits
# are recorded) — and per language (the profile's first language) the three levels: built, tests ran, tests passed, and
# the median time of the Runner stage per repository. Rules only (no model). Install steps run under the egress policy
# `registries` (the package registries this host is configured for); build and test steps under `none`, or
# NOA_RUNNER_POLICY when set.
# One JSON line per repository goes to $WORK/results.jsonl as it finishes; the table is printed from it at the end.
#
# Usage: bench/runner.sh [DIR...]          (no DIR: the suites corpus and every folder of $NOA_EVAL)
# Env:   NOA_BIN (default bin/noa), NOA_EVAL (default /work/eval), NOA_CORPORA (default .cache/corpora), NOA_BENCH_WORK (default .cache/bench/runner),
#        NOA_RUNNER_STEP_SECONDS (default 120), NOA_RUNNER_INSTALL_STEP_SECONDS (default 600), NOA_RUNNER_TOTAL_SECONDS (default 300)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/runner}
EVAL=${NOA_EVAL:-/work/eval}
CORPORA=${NOA_CORPORA:-$ROOT/.cache/corpora}
NOA=${NOA_BIN:-$ROOT/bin/noa}
[ -x "$NOA" ] || NOA=$ROOT/src/Noa.Cli/bin/Release/net10.0/noa
[ -x "$NOA" ] || { echo "bench/runner: build first (make build)" >&2; exit 1; }
mkdir -p "$WORK/out"
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  [ -d "$CORPORA/suites" ] && for d in "$CORPORA"/suites/*/; do dirs+=("${d%/}"); done
  if [ -d "$EVAL" ]; then for d in "$EVAL"/*/; do dirs+=("${d%/}"); done; else echo "bench/runner: $EVAL is absent: corpora only" >&2; fi
fi
: >"$WORK/results.jsonl"
for d in "${dirs[@]}"; do
  name=$(basename "$d")
  out="$WORK/out/$name"
  rm -rf "$out"
  commit=-
  [ -e "$d/.git" ] && commit=$(git -C "$d" rev-parse --short HEAD 2>/dev/null || echo "-")
  start=$(date +%s.%N)
  NOA_HOME="$WORK/home" Noa__Runner__StepSeconds=${NOA_RUNNER_STEP_SECONDS:-120} \
    Noa__Runner__InstallStepSeconds=${NOA_RUNNER_INSTALL_STEP_SECONDS:-600} Noa__Runner__TotalSeconds=${NOA_RUNNER_TOTAL_SECONDS:-300} \
    Noa__Runner__Policy=${NOA_RUNNER_POLICY:-none} timeout 900 "$NOA" digest "$d" --only runner --out "$out" >"$WORK/out/$name.log" 2>&1 || true
  python3 - "$name" "$commit" "$out" "$start" >>"$WORK/results.jsonl" <<'PY'
import json, os, sys, time
name, commit, out, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
row = {"repo": name, "commit": commit, "seconds": round(time.time() - start, 1)}
try:
    r = json.load(open(os.path.join(out, "runner.json")))
    p = json.load(open(os.path.join(out, "profile.json")))
    langs = [l["name"] for l in p["languages"] if l["name"] not in ("Markdown", "JSON", "YAML", "Text", "HTML", "CSS", "Shell", "Dockerfile", "Makefile", "TOML", "XML", "SCSS")]
    lv = r["levels"]
    row.update(language=langs[0] if langs else "other", built=lv.get("built"), ran=lv["testsRan"], passed=lv["testsPassed"], smoke=lv["smoke"],
               tests=lv["counts"]["total"], runner=round(sum(s["seconds"] for s in r["steps"]), 1),
               limits=[s["limit"] for s in r["steps"] if s.get("limit")], summary=r["summary"])
except FileNotFoundError:
    # The digest did not reach the runner: the safety gate blocked it (secrets, a policy) or an earlier stage failed.
    log = open(out + ".log", errors="replace").read()
    row.update(language="-", blocked="blocked by gate 'safety'" in log, error=log.strip().splitlines()[-1][:200] if log.strip() else "no output")
print(json.dumps(row))
PY
  tail -n1 "$WORK/results.jsonl" >&2
done
python3 - "$WORK/results.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
stopped = [r for r in rows if "built" not in r]
rows = [r for r in rows if "built" in r]
by = {}
for r in rows:
    by.setdefault(r.get("language", "?"), []).append(r)
print("| language | repos | built | tests ran | tests passed | of which smoke | median runner time |")
print("|---|---:|---:|---:|---:|---:|---:|")
def pct(n, d): return f"{n}/{d} ({100 * n / d:.0f} %)" if d else "0/0"
for lang, rs in sorted(by.items(), key=lambda kv: -len(kv[1])) + [("all", rows)]:
    n = len(rs)
    print(f"| {lang} | {n} | {pct(sum(1 for r in rs if r.get('built')), n)} | {pct(sum(1 for r in rs if r.get('ran')), n)} | "
          f"{pct(sum(1 for r in rs if r.get('passed')), n)} | {sum(1 for r in rs if r.get('ran') and r.get('smoke'))} | "
          f"{statistics.median([r.get('runner', 0) for r in rs]):.1f} s |")
print(f"\nNot reaching the runner: {len(stopped)} ({sum(1 for r in stopped if r.get('blocked'))} blocked by the safety gate): "
      + ", ".join(r["repo"] for r in stopped))
PY
