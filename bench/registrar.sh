#!/usr/bin/env bash
# Registrar benchmark: publish time and throughput of a run's bundle to the OCI registry of scripts/services.sh, beside
# skopeo copying the same bundle (the OCI layout noa digest wrote under $NOA_HOME/oci) to the same registry, in the same
# run. Each push goes to a repository of its own, so neither finds blobs already there (a registry links blobs per
# repository: HEAD answers 404 in a new one) and both send every byte.
#
# Usage: bench/registrar.sh [SOURCE[:STAGES]...]
#   default: the small npm package escape-html (whole pipeline) and the JDK corpus's java.base (--only graph: intake,
#   classifier, graph — the graph and its system card are the large files of that bundle).
# Env: NOA (default bin/noa), NOA_CORPORA (default .cache/corpora), NOA_BENCH_WORK (default .cache/bench/registrar),
#      REGISTRY (default 127.0.0.1:5000), REPEAT (default 3).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NOA=${NOA:-$ROOT/bin/noa}
CORPORA=${NOA_CORPORA:-$ROOT/.cache/corpora}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/registrar}
REGISTRY=${REGISTRY:-127.0.0.1:5000}
REPEAT=${REPEAT:-3}
command -v skopeo >/dev/null || { echo "skopeo is needed (scripts/capsule.sh installs it; or apt-get install skopeo)" >&2; exit 1; }
curl -sf "http://$REGISTRY/v2/" >/dev/null || { echo "no registry at $REGISTRY: run scripts/services.sh" >&2; exit 1; }
targets=("$@")
((${#targets[@]})) || targets=("$CORPORA/npm/node_modules/escape-html:" "$CORPORA/java/java.base:graph")
mkdir -p "$WORK"
now() { date +%s.%N; }
echo "| bundle | files | bytes | noa publish (s, median of $REPEAT) | MB/s | skopeo copy (s, median) | MB/s | noa / skopeo |"
echo "|---|---|---|---|---|---|---|---|"
for target in "${targets[@]}"; do
  source=${target%:*}; only=${target##*:}
  name=$(basename "$source")
  home="$WORK/home-$name"
  [[ -d "$source" ]] || { echo "missing $source: run scripts/corpora.sh" >&2; continue; }
  rm -rf "$home"
  args=(digest "$source" --out "$WORK/out-$name")
  [[ -n "$only" ]] && args+=(--only "$only")
  NOA_HOME=$home "$NOA" "${args[@]}" >"$WORK/digest-$name.log" 2>&1 || true
  run=$(NOA_HOME=$home "$NOA" runs list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["runId"])')
  # The embedded layout of the run's bundle: what skopeo copies (noa digest without registrar publishes nothing, so publish there first).
  NOA_HOME=$home "$NOA" publish "$run" >"$WORK/layout-$name.log" 2>&1
  ref=$(grep -oE 'published [^ ]+' "$WORK/layout-$name.log" | head -1 | awk '{print $2}')
  repo=${ref%%:*}; tag=${ref#*:}
  files=$(find "$WORK/out-$name" -type f ! -name registrar.json | wc -l)
  bytes=$(python3 - "$home/oci/$repo" "$tag" <<'PY'
import json, sys, os
root, tag = sys.argv[1], sys.argv[2]
index = json.load(open(os.path.join(root, "index.json")))
entry = next(m for m in index["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag)
manifest = json.load(open(os.path.join(root, "blobs", "sha256", entry["digest"][7:])))
print(sum(l["size"] for l in manifest["layers"]) + entry["size"])
PY
)
  ours=(); theirs=()
  for i in $(seq "$REPEAT"); do
    t0=$(now)
    NOA_HOME=$home Noa__Bundles__Provider=registry Noa__Bundles__Registry__Url="http://$REGISTRY" \
      Noa__Registrar__RepositoryPrefix="bench-$(date +%s%N)" "$NOA" publish "$run" >"$WORK/publish-$name-$i.log" 2>&1
    t1=$(now)
    skopeo copy -q --dest-tls-verify=false "oci:$home/oci/$repo:$tag" "docker://$REGISTRY/bench-skopeo-$(date +%s%N)/$name:$tag" >"$WORK/skopeo-$name-$i.log" 2>&1
    t2=$(now)
    ours+=("$(echo "$t1 - $t0" | bc)"); theirs+=("$(echo "$t2 - $t1" | bc)")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  o=$(median "${ours[@]}"); s=$(median "${theirs[@]}")
  python3 -c "b=$bytes; o=$o; s=$s; print(f'| {\"$name\"}{\" (--only $only)\" if \"$only\" else \"\"} | $files | {b:,} | {o:.2f} | {b/o/1e6:.1f} | {s:.2f} | {b/s/1e6:.1f} | {o/s:.2f}× |')"
done
echo
echo "noa publish includes its process start, the signed provenance and the referrers (SBOMs, SARIF) that skopeo does not"
echo "copy (skopeo copies the bundle manifest and its layers only). Command: bench/registrar.sh ($(date -u +%Y-%m-%d), $(nproc) cores)."
