#!/usr/bin/env bash
# Two builds of noa side by side on the same machine and load: a first digest of an application (every stage, empty
# NOA_HOME), then `noa search` (5 queries), `noa --version` and `noa runs list` as fresh processes; wall, CPU seconds
# (user + system: what shared cores disturb least) and peak RSS of each, from /usr/bin/time.
# Usage: bench/speed-ab.sh BEFORE_NOA AFTER_NOA [APP]   (APP default: $NOA_EVAL/flask-realworld-example-app)
set -u
app=${3:-${NOA_EVAL:-/work/eval}/flask-realworld-example-app}
[ -d "$app" ] || { echo "speed-ab: $app is absent (set NOA_EVAL, or give APP)" >&2; exit 2; }
echo "app: $app ($(find "$app" -type f -not -path '*/.git/*' | wc -l) files, $(git -C "$app" rev-parse --short HEAD 2>/dev/null)), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for side in before after; do
  if [ $side = before ]; then B=$1; else B=$2; fi
  home=$(mktemp -d)
  /usr/bin/time -f "$side digest: %e s wall, %U+%S CPU s, %M KB peak" env NOA_HOME=$home $B digest $app --out $home.out > $home.log 2>&1
  tail -1 $home.log
  python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); print("  embeddings:", e["chunks"], e["embedding"])' $home.out/embeddings.json
  for q in "create a user account" "hash the password" "list articles by tag" "follow another user" "parse the jwt token"; do
    /usr/bin/time -f "$side search: %e s wall, %U+%S CPU s, %M KB peak" env NOA_HOME=$home $B search "$q" > /dev/null 2>$home.err; tail -1 $home.err
  done
  for v in "--version" "runs list"; do
    /usr/bin/time -f "$side $v: %e s wall, %U+%S CPU s, %M KB peak" env NOA_HOME=$home $B $v > /dev/null 2>$home.err; tail -1 $home.err
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
