#!/usr/bin/env bash
# Secrets benchmark: ours vs Gitleaks vs Trivy on real code (.cache/corpora) with one planted secret per
# default rule and a near miss after each. Rewrites the "secrets" section of docs/benchmarks.md.
# Needs: scripts/corpora.sh, scripts/tools.sh. BENCH_RUNS (default 3) runs per engine, best kept.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
scripts/tools.sh
corpora=(.cache/corpora/python/python3.11 .cache/corpora/npm/node_modules)
for c in "${corpora[@]}"; do [ -d "$c" ] || { echo "secrets bench: $c missing (scripts/corpora.sh)" >&2; exit 2; }; done
dotnet build bench/secrets -c Release --nologo -v quiet
dotnet bench/secrets/bin/Release/net10.0/Noa.Bench.Secrets.dll "${corpora[@]}" --doc docs/benchmarks.md \
  --runs "${BENCH_RUNS:-3}" --tools .cache/tools/bin --command "${BENCH_COMMAND:-bench/secrets.sh}"
