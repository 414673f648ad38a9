#!/usr/bin/env bash
# Integrator benchmark (bench/integrator): reads public OpenAPI documents shipped in pinned npm packages into the API
# model, generates the Python SDK and checks it with `mypy --strict`, the TypeScript SDK with `tsc --strict --noEmit`
# (tsc from scripts/tools.sh) and the Go SDK with `go vet` + `go build` (offline); prints Markdown tables (paste them
# into docs/benchmarks.md with this command). Kiota is not in it yet.
#
# Usage: bench/integrator.sh [--no-mypy] [--no-tsc] [--no-go]
# Env:   NOA_BENCH_WORK (default .cache/bench/integrator: the npm packages and the generated SDKs)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/integrator}
mypy=--mypy
tsc=(--tsc "$ROOT/.cache/tools/bin/tsc")
go=--go
for a in "$@"; do
  case "$a" in
    --no-mypy) mypy= ;;
    --no-tsc) tsc=() ;;
    --no-go) go= ;;
  esac
done
[ ${#tsc[@]} -eq 0 ] || [ -x "${tsc[1]}" ] || scripts/tools.sh
# pinned: name@version of npm packages that ship OpenAPI documents
packages=("@octokit/openapi@23.0.2" "@figma/rest-api-spec@0.43.0")
mkdir -p "$WORK/npm"
for p in "${packages[@]}"; do
  dir="$WORK/npm/$(echo "$p" | tr '/@' '__')"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir" && (cd "$dir" && npm pack --silent "$p" >/dev/null && tar xzf ./*.tgz && rm ./*.tgz)
  fi
done
specs=()
while IFS= read -r f; do specs+=("$f"); done < <(find "$WORK/npm" \( -name 'api.github.com.json' -o -name 'api.github.com.deref.json' -o -name 'openapi.yaml' \) | sort)
dotnet build bench/integrator -c Release --nologo -v quiet >/dev/null
dotnet bench/integrator/bin/Release/net10.0/Noa.Bench.Integrator.dll $mypy $go "${tsc[@]}" --out "$WORK/sdk" "${specs[@]}"
