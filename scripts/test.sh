#!/usr/bin/env bash
# Runs every test project, lists every skipped test with its reason, and closes with one plain line:
# "N passed, N failed, N skipped". Under CI=true nothing a test needs may be missing (tests/Requirement.cs).
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
skips=() fails=()
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  # A skipped test (xUnit's Assert.Skip, Requirement.Unmet without CI) is a result with outcome NotExecuted; the
  # Counters element does not count it, so count the results, and list each with its reason.
  skipped=$((skipped + $(grep -c 'outcome="NotExecuted"' "$trx")))
  while IFS= read -r line; do skips+=("$line"); done < <(python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult[@outcome='NotExecuted']", ns):
    m = r.find(".//t:Message", ns)
    print(f"  skipped {r.get('testName')}: {(m.text or '').strip() if m is not None else 'no reason given'}")
PY
)
  # Name every failed test with its message's first lines and where it was thrown, so the run's last lines say what broke.
  while IFS= read -r line; do fails+=("$line"); done < <(python3 - "$trx" <<'PY'
import itertools, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
    m = r.find(".//t:Message", ns)
    lines = ((m.text or '').strip().splitlines() or ['no message']) if m is not None else ['no message']
    print(f"  FAILED {r.get('testName')}: {lines[0][:300]}")
    # The lines after it up to the first process log ("===== name"), such as a stuck run's stage attempts.
    for line in [l for l in itertools.takewhile(lambda l: not l.startswith('====='), lines[1:]) if l.strip()][:15]:
        print(f"    | {line[:200]}")
    # Where it was thrown: the first frames of the stack trace, which a one-line exception message does not say.
    t = r.find(".//t:StackTrace", ns)
    for line in [l.strip() for l in ((t.text or '') if t is not None else '').splitlines() if l.strip()][:6]:
        print(f"    @ {line[:200]}")
PY
)
done
# The benches' own comparison code: the tables in docs/benchmarks.md are only as true as it (bench/test_*.py).
bench_out=$(python3 -m unittest discover -s bench -p 'test_*.py' 2>&1) || status=1
ran=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\} in .*/\1/p' <<<"$bench_out")
bad=0
for n in $(grep -o '\(failures\|errors\)=[0-9]*' <<<"$bench_out" | cut -d= -f2); do bad=$((bad + n)); done
passed=$((passed + ${ran:-0} - bad)) failed=$((failed + bad))
if [ "$bad" -gt 0 ] || [ -z "$ran" ]; then
  fails+=("  FAILED bench/test_*.py (python3 -m unittest discover -s bench -p 'test_*.py'):")
  while IFS= read -r line; do fails+=("    | $line"); done < <(grep -E '^(FAIL|ERROR|[A-Za-z]*Error)' <<<"$bench_out" | head -15)
  [ -z "$ran" ] && failed=$((failed + 1))
fi
((${#skips[@]})) && printf '%s\n' "${skips[@]}" | sort | head -200
((${#fails[@]})) && printf '%s\n' "${fails[@]}" | head -120
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
