#!/usr/bin/env bash
# Installs the official SARIF 2.1.0 JSON Schema for tests/Noa.Stages.Safety.Tests (SarifSchemaTests: the whole safety.sarif): the npm package
# @microsoft/jest-sarif (MIT) ships it as lib/schemas/sarif-2.1.0-rtm.5.json. Pinned by the committed package-lock.json;
# node_modules is gitignored.
set -euo pipefail
cd "$(dirname "$0")/../tests/Noa.Stages.Safety.Tests/Sarif"
command -v npm >/dev/null || { echo "npm is not installed (apt-get install npm)" >&2; exit 1; }
npm ci --ignore-scripts --no-audit --no-fund --silent
