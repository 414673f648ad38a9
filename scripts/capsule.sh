#!/usr/bin/env bash
# Installs what the Capsule runs on (Debian packages): bubblewrap (the sandbox), buildah and skopeo (the outer image
# builder and registry client), mmdebstrap (Debian root file systems for the base images), iproute2 (a test holds a network
# namespace in a given state), util-linux's setpriv and nsenter, and the Debian docker CLI (the docker.io package's client
# only, unpacked under .cache/capsule/tools: no daemon is installed or started) that `docker build` inside a capsule uses
# against the build proxy. Idempotent and quiet.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=${NOA_CAPSULE_TOOLS:-$root/.cache/capsule/tools}
log() { printf 'capsule: %s\n' "$*" >&2; }

apt_updated=
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The docker.io package would pull in and start a daemon (containerd, runc, iptables): only its CLI is wanted.
install_docker_cli() {
  [ -x "$tools/bin/docker" ] && "$tools/bin/docker" --version >/dev/null 2>&1 && return 0
  mkdir -p "$tools/docker-cli/debs" "$tools/bin"
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  log "fetching the Debian docker CLI (docker.io, client only)"
  (cd "$tools/docker-cli/debs" && rm -f docker.io_*.deb && apt-get -o APT::Sandbox::User=root download -qq docker.io >/dev/null)
  rm -rf "$tools/docker-cli/root" && dpkg-deb -x "$tools"/docker-cli/debs/docker.io_*.deb "$tools/docker-cli/root"
  ln -sfn "$tools/docker-cli/root/usr/bin/docker" "$tools/bin/docker"
  "$tools/bin/docker" --version >/dev/null
}

apt_install bubblewrap buildah skopeo mmdebstrap uidmap util-linux iproute2 python3 ca-certificates
install_docker_cli
