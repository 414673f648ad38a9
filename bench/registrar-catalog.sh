#!/usr/bin/env bash
# Registrar catalogue: latency of the store call behind GET /catalog and `noa catalog` at ROWS published runs, on the
# embedded SQLite store and on the Postgres of scripts/services.sh (a schema of its own, dropped after). Rows are seeded
# (bench/catalog/CatalogRows.cs: skewed languages, frameworks, licences, three tenants, tied creation times); each query
# shape is timed ITERATIONS times after a warm-up; p50/p99 in ms, with the load average before and after (the machine is shared).
# Usage: bench/registrar-catalog.sh [ROWS=10000] [ITERATIONS=200] [STORES=sqlite,postgres]
# Env: NOA_TEST_POSTGRES (default Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
dotnet build bench/catalog -c Release -v quiet -nologo >/dev/null
echo "command: ${BENCH_COMMAND:-bench/registrar-catalog.sh $*}"
dotnet bench/catalog/bin/Release/net10.0/Noa.Bench.Catalog.dll "${1:-10000}" "${2:-200}" "${3:-sqlite,postgres}"
