#!/usr/bin/env bash
# Env Synthesis over the fetched applications under $NOA_EVAL (default /work/eval): digests each with `noa digest --only env`
# (intake, classifier, graph, env; no Capsule, so nothing is built) and prints per app: commit, apps, servers, servers with
# a decided start command and port, contradictions, env vars, and the env stage's own seconds. Absent folders are said so.
# Usage: bench/env.sh [APP...]   (NOA=path/to/noa, default bin/noa)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${NOA_EVAL:-/work/eval}
noa=${NOA:-$root/bin/noa}
out=$(mktemp -d)
export NOA_HOME=$out/home
[ -d "$eval_dir" ] || { echo "bench/env: $eval_dir is absent (fetch the repositories first)"; exit 0; }
apps=("$@")
[ ${#apps[@]} -gt 0 ] || mapfile -t apps < <(ls "$eval_dir")
printf '%-45s %-9s %4s %7s %7s %6s %6s %5s %6s\n' app commit apps servers start port contra env env_s
for app in "${apps[@]}"; do
  dir=$eval_dir/$app
  [ -d "$dir" ] || { echo "$app: absent"; continue; }
  commit=$(git -C "$dir" rev-parse --short=8 HEAD 2>/dev/null || echo -)
  log=$("$noa" digest "$dir" --only env --out "$out/$app" 2>&1) || { echo "$app: digest failed"; continue; }
  secs=$(grep -E '^\s+env\s+done' <<<"$log" | awk '{print $3}' | tr -d s)
  python3 - "$out/$app/env/plan.json" "$app" "$commit" "$secs" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); apps = p["apps"]; servers = [a for a in apps if a["server"]]
dec = lambda k: sum(1 for a in servers if a[k].get("value") is not None)
print(f'{sys.argv[2][:45]:<45} {sys.argv[3]:<9} {len(apps):>4} {len(servers):>7} {dec("start"):>7} {dec("port"):>6} '
      f'{sum(len(a["contradictions"]) for a in apps):>6} {sum(len(a["env"]) for a in apps):>5} {sys.argv[4]:>6}')
PY
done
rm -rf "$out"
