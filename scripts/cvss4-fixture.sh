#!/usr/bin/env bash
# Writes tests/Noa.Safety.Vulnerabilities.Tests/Fixtures/cvss4/reference-scores.tsv: CVSS v4.0 vectors (base, threat,
# environmental and supplemental metrics, drawn by a seeded generator) with the scores that an independent reference
# calculator gives them, the npm package ae-cvss-calculator (Apache-2.0, {metæffekt}), which implements FIRST's
# CVSS v4.0 scoring. The package is used here only: it is installed into a temporary folder, never committed, and no
# code of ours runs it. Run again after changing the seed or the counts; the output is deterministic.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null || { echo "npm is not installed (apt-get install npm)" >&2; exit 1; }
version=1.0.13
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund --silent "ae-cvss-calculator@$version")
out=tests/Noa.Safety.Vulnerabilities.Tests/Fixtures/cvss4/reference-scores.tsv
mkdir -p "$(dirname "$out")"
NODE_PATH="$tmp/node_modules" node - "$version" >"$out" <<'JS'
const { Cvss4P0 } = require('ae-cvss-calculator');
const version = process.argv[2];
let seed = 20240601;
const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
const pick = values => values[Math.floor(next() * values.length)];
const base = {
  AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], AT: ['N', 'P'], PR: ['N', 'L', 'H'], UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'], VI: ['H', 'L', 'N'], VA: ['H', 'L', 'N'], SC: ['H', 'L', 'N'], SI: ['H', 'L', 'N'], SA: ['H', 'L', 'N'],
};
const threat = { E: ['X', 'A', 'P', 'U'] };
const environmental = {
  CR: ['X', 'H', 'M', 'L'], IR: ['X', 'H', 'M', 'L'], AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MAT: ['X', 'N', 'P'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'], MVI: ['X', 'H', 'L', 'N'], MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'], MSI: ['X', 'S', 'H', 'L', 'N'], MSA: ['X', 'S', 'H', 'L', 'N'],
};
const supplemental = { S: ['X', 'N', 'P'], AU: ['X', 'N', 'Y'], R: ['X', 'A', 'U', 'I'], V: ['X', 'D', 'C'], RE: ['X', 'L', 'M', 'H'], U: ['X', 'Clear', 'Green', 'Amber', 'Red'] };
const part = (groups, probability) => groups.flatMap(g => Object.entries(g)).filter(() => next() < probability).map(([k, v]) => `${k}:${pick(v)}`);
const vector = extra => ['CVSS:4.0', ...Object.entries(base).map(([k, v]) => `${k}:${pick(v)}`), ...extra].join('/');
const kinds = [
  [400, () => []],
  [100, () => part([threat], 1)],
  [250, () => part([threat, environmental], 0.6)],
  [50, () => part([threat, environmental, supplemental], 0.5)],
];
const seen = new Set();
console.log(`# CVSS v4.0 vector<TAB>score, from ae-cvss-calculator@${version} (calculateScores().overall); written by scripts/cvss4-fixture.sh`);
for (const [count, extra] of kinds) {
  for (let n = 0; n < count;) {
    const v = vector(extra());
    if (seen.has(v)) continue;
    seen.add(v);
    n++;
    console.log(`${v}\t${new Cvss4P0(v).calculateScores().overall.toFixed(1)}`);
  }
}
JS
echo "wrote $(grep -vc '^#' "$out") vectors to $out" >&2
