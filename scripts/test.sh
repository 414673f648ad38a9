#!/usr/bin/env bash
# Runs every test project and closes with one plain line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
results=TestResults
rm -rf "$results"
# Build in parallel, then run the test assemblies one at a time (-m:1): several tests measure real time
# (leases, heartbeats, killed processes) and must not share the 2 cores with other assemblies.
status=0
dotnet build Noa.slnx -c "${CONFIG:-Release}" --nologo -v quiet || status=$?
if [ "$status" -eq 0 ]; then
  dotnet test Noa.slnx -c "${CONFIG:-Release}" --nologo --no-build -m:1 \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?
fi
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
