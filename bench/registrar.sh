#!/usr/bin/env bash
# Registrar benchmark: publish time and throughput of a run's bundle to the OCI registry of scripts/services.sh, beside
# skopeo copying the same bundle (the OCI layout noa digest wrote under $NOA_HOME/oci) to the same registry, in the same
# run. Each push goes to a repository of its own (a registry links blobs per repository: HEAD answers 404 in a new one).
# Two modes, a row each:
#   - every byte sent: noa with Noa__Bundles__Registry__Mount=false; skopeo with an empty blob-info cache (a tmpfs over
#     /var/lib/containers/cache in a mount namespace of its own; needs root), so neither knows where the blobs already are;
#   - mounted: both remember the repository of an earlier push (noa under $NOA_HOME/cache/uploads/sources, skopeo in its
#     blob-info cache; each warmed by one untimed push) and ask the registry to mount each blob from there (POST
#     ?mount=&from=), sending no layer bytes: what a second publish of the same content does by default.
# Beside the CLI (a process start each), bench/registrar (Noa.Bench.Registrar) publishes the same run in process with one
# registry store for every publish, and prints where the time goes.
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
((EUID == 0)) || { echo "the every-byte-sent skopeo row mounts a tmpfs over skopeo's cache in a namespace of its own: run as root" >&2; exit 1; }
targets=("$@")
((${#targets[@]})) || targets=("$CORPORA/npm/node_modules/escape-html:" "$CORPORA/java/java.base:graph")
mkdir -p "$WORK"
dotnet build "$ROOT/bench/registrar" -c Release -v quiet -nologo >/dev/null
HARNESS=$ROOT/bench/registrar/bin/Release/net10.0/Noa.Bench.Registrar.dll
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# skopeo with an empty blob-info cache: it cannot know another repository holds a blob, so it sends every byte.
skopeo_cold() { unshare -m sh -c 'mount -t tmpfs tmpfs /var/lib/containers/cache && exec skopeo "$@"' skopeo "$@"; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| bundle | files | bytes | mode | noa publish (s, median of $REPEAT) | noa in process (s, median of $REPEAT) | skopeo copy (s, median) | noa / skopeo | in process / skopeo |"
echo "|---|---|---|---|---|---|---|---|---|"
breakdowns=()
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
  publish() {
    NOA_HOME=$home Noa__Bundles__Provider=registry Noa__Bundles__Registry__Url="http://$REGISTRY" \
      Noa__Registrar__RepositoryPrefix="bench-$(date +%s%N)" "$NOA" publish "$run"
  }
  copy() { "$@" copy -q --dest-tls-verify=false "oci:$home/oci/$repo:$tag" "docker://$REGISTRY/bench-skopeo-$(date +%s%N)/$name:$tag"; }
  # Untimed warm-ups of the mounted mode: each tool learns where the blobs are.
  publish >"$WORK/warm-$name.log" 2>&1
  copy skopeo >"$WORK/warm-skopeo-$name.log" 2>&1
  sent=(); sent_skopeo=(); mounted=(); mounted_skopeo=()
  for i in $(seq "$REPEAT"); do
    t0=$(now); Noa__Bundles__Registry__Mount=false publish >"$WORK/publish-sent-$name-$i.log" 2>&1
    t1=$(now); copy skopeo_cold >"$WORK/skopeo-sent-$name-$i.log" 2>&1
    t2=$(now); publish >"$WORK/publish-mounted-$name-$i.log" 2>&1
    t3=$(now); copy skopeo >"$WORK/skopeo-mounted-$name-$i.log" 2>&1
    t4=$(now)
    sent+=("$(echo "$t1 - $t0" | bc)"); sent_skopeo+=("$(echo "$t2 - $t1" | bc)")
    mounted+=("$(echo "$t3 - $t2" | bc)"); mounted_skopeo+=("$(echo "$t4 - $t3" | bc)")
  done
  label="$name${only:+ (--only $only)}"
  for mode in sent mounted; do
    if [[ $mode == sent ]]; then mount=false; o=$(median "${sent[@]}"); s=$(median "${sent_skopeo[@]}"); what="every byte sent"
    else mount=true; o=$(median "${mounted[@]}"); s=$(median "${mounted_skopeo[@]}"); what="mounted"; fi
    # In process: REPEAT publishes after a first (cold: JIT, connections) one; its last line is "MEDIAN seconds".
    Noa__Bundles__Registry__Mount=$mount dotnet "$HARNESS" "$home" "$run" "$REPEAT" "http://$REGISTRY" \
      >"$WORK/inprocess-$mode-$name.md" 2>"$WORK/inprocess-$mode-$name.log"
    i=$(awk '/^MEDIAN/ {print $2}' "$WORK/inprocess-$mode-$name.md")
    breakdowns+=("$label, $mode:" "$(grep '^|' "$WORK/inprocess-$mode-$name.md")" "")
    python3 -c "b=$bytes; o=$o; i=$i; s=$s; print(f'| $label | $files | {b:,} | $what | {o:.2f} | {i:.2f} | {s:.2f} | {o/s:.2f}× | {i/s:.2f}× |')"
  done
done
starts=()
for _ in $(seq "$REPEAT"); do t0=$(now); "$NOA" --version >/dev/null 2>&1 || true; t1=$(now); starts+=("$(echo "$t1 - $t0" | bc)"); done
echo
echo "noa process start and exit (\`noa --version\`, median of $REPEAT): $(median "${starts[@]}") s. Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "In process (bench/registrar): wall time inside each port call of BundlePublisher. Phases that overlap (the provenance blob"
echo "goes up while the referrers do) count in each; 'other' (run and facts read, signing, hashing) is what no call covered."
echo
printf '%s\n' "${breakdowns[@]}"
echo "noa publish includes its process start, the signed provenance and the referrers (SBOMs, SARIF) that skopeo does not"
echo "copy (skopeo copies the bundle manifest and its layers only). Command: bench/registrar.sh ($(date -u +%Y-%m-%d), $(nproc) cores)."
