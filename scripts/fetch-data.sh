#!/usr/bin/env bash
# Installs the npm data packages the Classifier embeds (linguist languages, SPDX licences) and
# packs them into data/generated/. Idempotent and quiet: does nothing when everything is newer
# than the lockfile and the pack script, so `make build` can call it every time.
set -euo pipefail
data="$(cd "$(dirname "${BASH_SOURCE[0]}")/../data" && pwd)"
stamp="$data/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$data/package-lock.json" -nt "$stamp" ]]; then
  (cd "$data" && npm ci --ignore-scripts --no-audit --no-fund --silent)
  touch "$stamp"
fi
for out in languages.json.gz licenses.json.gz license-texts.json.gz; do
  if [[ ! -f "$data/generated/$out" || "$stamp" -nt "$data/generated/$out" || "$data/pack.mjs" -nt "$data/generated/$out" ]]; then
    (cd "$data" && node pack.mjs)
    break
  fi
done
# The official CycloneDX JSON Schemas that Noa.Safety.Sbom.Tests validate sbom.cdx.json against.
schemas="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/Noa.Safety.Sbom.Tests/schemas" && pwd)"
if [[ ! -f "$schemas/node_modules/.package-lock.json" || "$schemas/package-lock.json" -nt "$schemas/node_modules/.package-lock.json" ]]; then
  (cd "$schemas" && npm ci --ignore-scripts --no-audit --no-fund --silent)
  touch "$schemas/node_modules/.package-lock.json"
fi
