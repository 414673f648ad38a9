#!/usr/bin/env bash
# The Capsule's base images, built here from Debian packages (no outside registry is reachable), pushed to the local
# OCI registry of scripts/services.sh under their usual names, and pinned in images.lock (name:tag → digest, how it was
# built, when, how long it took). deploy/capsule/registries.conf (installed into /etc/containers/registries.conf.d)
# maps the usual names to that registry, so `FROM python:3.11-slim` builds unchanged.
#
#   scripts/images.sh ensure [NAME...]   build what is missing or changed, reuse what the registry holds (default: all)
#   scripts/images.sh forget NAME...     delete NAME's tags from the local registry (tags are immutable otherwise)
#   scripts/images.sh list               the names
#
# Reuse: an image is rebuilt only when its recipe changed (Dockerfile, base image, inputs) or the registry lost it; a
# present tag that holds another image is never overwritten (immutable tags): the script stops and says so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${NOA_IMAGES_CACHE:-$root/.cache/capsule/images}
lock=${NOA_IMAGES_LOCK:-$root/images.lock}
registry=${NOA_REGISTRY:-127.0.0.1:5000}
recipes=$root/deploy/capsule/images
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
log() { printf 'images: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
mkdir -p "$cache"

dotnet_version() { dotnet --version 2>/dev/null | cut -d. -f1,2; }

# name | recipe folder | build context | tags (first is the primary)
table() {
  echo "debian|-|$cache/debian|debian:bookworm-slim debian:bookworm debian:12-slim debian:12"
  echo "python|python|-|python:3.11-slim python:3.11-slim-bookworm python:3.11 python:3-slim python:3"
  echo "node|node|-|node:18-slim node:18-bookworm-slim node:18"
  echo "golang|golang|-|golang:1.19 golang:1.19-bookworm"
  echo "rust|rust|-|rust:1.63-slim rust:1.63-slim-bookworm rust:1.63"
  echo "java|java|-|eclipse-temurin:17-jdk openjdk:17-jdk-slim maven:3.8-openjdk-17-slim maven:3.8.7-eclipse-temurin-17 maven:3.8"
  local v; v=$(dotnet_version)
  [ -n "$v" ] && echo "dotnet|dotnet|/usr/share/dotnet|mcr.microsoft.com/dotnet/sdk:$v mcr.microsoft.com/dotnet/aspnet:$v mcr.microsoft.com/dotnet/runtime:$v"
  return 0
}

# docker.io/library/python:3.11-slim for python:3.11-slim; names with a registry stay as they are.
qualified() {
  if [[ "$1" != */* ]]; then echo "docker.io/library/$1"; return; fi
  case "${1%%/*}" in *.*|*:*|localhost) echo "$1" ;; *) echo "docker.io/$1" ;; esac
}
remote() { local q; q=$(qualified "$1"); case "$q" in docker.io/*) echo "$registry/${q#docker.io/}" ;; *) echo "$registry/$q" ;; esac; }

# The image id (config digest) a registry tag holds, or nothing.
registry_id() { skopeo inspect --raw --tls-verify=false "docker://$1" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["digest"])' 2>/dev/null || true; }
local_id() { buildah inspect --type image --format '{{.FromImageID}}' "$1" 2>/dev/null | sed 's/^/sha256:/' || true; }
lock_get() { [ -f "$lock" ] && python3 - "$lock" "$1" "$2" <<'PY' || true
import json, sys
for image in json.load(open(sys.argv[1])).get("images", []):
    if image["name"] == sys.argv[2]:
        print(image.get(sys.argv[3], ""))
PY
}

install_registries_conf() {
  local target=/etc/containers/registries.conf.d/50-noa-local.conf
  cmp -s "$root/deploy/capsule/registries.conf" "$target" 2>/dev/null && return 0
  mkdir -p /etc/containers/registries.conf.d
  install -m 0644 "$root/deploy/capsule/registries.conf" "$target"
  log "installed $target (the usual image names resolve to $registry)"
}

# debian:bookworm-slim: a minbase root file system from the Debian mirror (docs, man pages and locales left out, as
# in the upstream slim image), imported as one layer. The tarball is cached: the recipe is its sha256.
debian_context() {
  local ctx=$cache/debian
  mkdir -p "$ctx"
  if [ ! -s "$ctx/rootfs.tar" ]; then
    log "mmdebstrap --variant=minbase bookworm (about 100 s on an idle machine)"
    local t0=$SECONDS
    mmdebstrap --quiet --variant=minbase --mode=root --format=tar \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' --aptopt='Acquire::Languages "none"' \
      --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/*.log' \
      bookworm "$ctx/rootfs.tar.part" \
      "deb $mirror bookworm main" "deb $mirror bookworm-updates main" "deb ${mirror%/debian}/debian-security bookworm-security main"
    mv "$ctx/rootfs.tar.part" "$ctx/rootfs.tar"
    echo $((SECONDS - t0)) >"$ctx/mmdebstrap.seconds"
  fi
  printf 'FROM scratch\nADD rootfs.tar /\nCMD ["bash"]\n' >"$ctx/Dockerfile"
}

recipe_of() { # name folder context base-id
  local name=$1 folder=$2 context=$3 base=$4
  if [ "$name" = debian ]; then sha256sum "$context/rootfs.tar" | cut -c1-64; return; fi
  { cat "$recipes/$folder/Dockerfile"; echo "$base"; [ "$context" != - ] && echo "$context $(dotnet --version 2>/dev/null)"; } | sha256sum | cut -c1-64
}

write_lock() { # name tags(space) primary-remote image-id recipe seconds how digests(space)
  python3 - "$lock" "$@" <<'PY'
import json, os, sys, datetime
path, name, tags, primary, image_id, recipe, seconds, how, digests = sys.argv[1:10]
lock = json.load(open(path)) if os.path.exists(path) else {}
lock.pop("schema", None)
lock["version"] = 1
lock["registry"] = primary.split("/")[0]
lock["registriesConf"] = "deploy/capsule/registries.conf"
images = [i for i in lock.get("images", []) if i["name"] != name]
tags, digests = tags.split(), digests.split()
images.append({
    "name": name, "tags": tags, "reference": primary, "digest": digests[0], "imageId": image_id,
    "digests": dict(zip(tags, digests)), "recipe": recipe, "built": how,
    "builtAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "buildSeconds": int(seconds),
})
lock["images"] = sorted(images, key=lambda i: i["name"])
tmp = path + ".tmp"
json.dump(lock, open(tmp, "w"), indent=2)
open(tmp, "a").write("\n")
os.replace(tmp, path)
PY
}

# Takes the image the registry holds for NAME (pulled when missing here, tagged with every name) and pins it in the lock.
reuse_held() { # name tags primary image-id recipe
  local name=$1 tags=$2 primary=$3 id=$4 recipe=$5 digests="" t
  [ -n "$(local_id "$id")" ] || buildah pull --quiet --tls-verify=false "$primary" >/dev/null
  for t in $tags; do
    buildah tag "$id" "$(qualified "$t")"
    digests+="sha256:$(skopeo inspect --raw --tls-verify=false "docker://$(remote "$t")" 2>/dev/null | sha256sum | cut -c1-64) "
  done
  write_lock "$name" "$tags" "$primary" "$id" "$recipe" 0 "taken from $registry, where another checkout of this machine built it" "$digests"
  log "$name: took ${id:0:19} from $registry (pinned in $(basename "$lock"); 'scripts/images.sh forget $name' to rebuild)"
}

ensure_one() { # line of the table
  IFS='|' read -r name folder context tags <<<"$1"
  local primary_tag=${tags%% *} base="" ctx dockerfile
  local primary; primary=$(remote "$primary_tag")
  local held; held=$(registry_id "$primary")
  # A registry already holding this image (built by another checkout on this machine, or an earlier clone) is used as it
  # is when this checkout has no lock of its own, or pins that very image: tags are immutable, so rebuilding could only
  # conflict. For debian that also skips mmdebstrap, whose tarball (the recipe) is never byte-identical twice.
  if [ -n "$held" ] && [ "$name" = debian ] && { [ -z "$(lock_get debian imageId)" ] || [ "$(lock_get debian imageId)" = "$held" ]; }; then
    if [ -z "$(lock_get debian imageId)" ]; then reuse_held debian "$tags" "$primary" "$held" registry; return 0; fi
    [ -n "$(local_id "$held")" ] || buildah pull --quiet --tls-verify=false "$primary" >/dev/null
    for t in $tags; do buildah tag "$held" "$(qualified "$t")"; done
    log "debian: reused ${held:0:19} from $registry (locked)"
    return 0
  fi
  if [ "$name" = debian ]; then debian_context; ctx=$cache/debian; dockerfile=$ctx/Dockerfile
  else
    base=$(local_id "$(qualified debian:bookworm-slim)")
    [ -n "$base" ] || die "$name needs debian:bookworm-slim first (scripts/images.sh ensure debian)"
    ctx=$([ "$context" = - ] && echo "$recipes/$folder" || echo "$context"); dockerfile=$recipes/$folder/Dockerfile
  fi
  local recipe; recipe=$(recipe_of "$name" "$folder" "$ctx" "$base")
  local locked_id; locked_id=$(lock_get "$name" imageId)
  if [ -n "$held" ] && [ -z "$locked_id" ]; then reuse_held "$name" "$tags" "$primary" "$held" "$recipe"; return 0; fi
  local there; there=$(registry_id "$primary")
  if [ -n "$there" ] && [ "$(lock_get "$name" recipe)" = "$recipe" ] && [ "$there" = "$locked_id" ]; then
    if [ -z "$(local_id "$locked_id")" ]; then
      buildah pull --quiet --tls-verify=false "$primary" >/dev/null
    fi
    for t in $tags; do buildah tag "$locked_id" "$(qualified "$t")"; done
    log "$name: reused ${locked_id:0:19} from $registry (locked, recipe unchanged)"
    return 0
  fi
  if [ -n "$there" ]; then
    die "$name: $primary already holds image ${there:0:19}, and the recipe or lock differs; tags are immutable. Delete it with 'scripts/images.sh forget $name' to rebuild, or pin a new tag."
  fi
  log "$name: building ($tags)"
  local t0=$SECONDS id
  id=$(buildah build --quiet --isolation chroot --layers --network host --pull=never -f "$dockerfile" \
        $(for t in $tags; do printf -- '-t %s ' "$(qualified "$t")"; done) "$ctx" | tail -1)
  id=sha256:${id#sha256:}
  local seconds=$((SECONDS - t0))
  [ "$name" = debian ] && seconds=$((seconds + $(cat "$ctx/mmdebstrap.seconds" 2>/dev/null || echo 0)))
  local digests="" t
  for t in $tags; do
    local r; r=$(remote "$t")
    local held; held=$(registry_id "$r")
    [ -z "$held" ] || [ "$held" = "$id" ] || die "$name: $r already holds image ${held:0:19}; tags are immutable (scripts/images.sh forget $name)"
    local f; f=$(mktemp)
    buildah push --quiet --tls-verify=false --digestfile "$f" "$id" "docker://$r"
    digests+="$(cat "$f") "; rm -f "$f"
  done
  local how
  if [ "$name" = debian ]; then how="mmdebstrap --variant=minbase bookworm from $mirror (slim: no docs, man pages, locales), one layer"
  else how="buildah build deploy/capsule/images/$folder/Dockerfile FROM debian:bookworm-slim ${base:0:19}"; fi
  write_lock "$name" "$tags" "$primary" "$id" "$recipe" "$seconds" "$how" "$digests"
  log "$name: built ${id:0:19} in ${seconds} s, pushed to $registry"
}

forget() {
  local line name folder context tags t
  while IFS= read -r line; do
    IFS='|' read -r name folder context tags <<<"$line"
    [ "$name" = "$1" ] || continue
    for t in $tags; do skopeo delete --tls-verify=false "docker://$(remote "$t")" 2>/dev/null && log "deleted $(remote "$t")" || true; done
  done < <(table)
}

case "${1:-ensure}" in
  ensure)
    shift || true
    command -v buildah >/dev/null || "$root/scripts/capsule.sh"
    (exec 3<>"/dev/tcp/${registry%:*}/${registry#*:}") 2>/dev/null || "$root/scripts/services.sh" start
    install_registries_conf
    want=("$@"); [ ${#want[@]} -gt 0 ] || mapfile -t want < <(table | cut -d'|' -f1)
    # debian first: every other image is built on it.
    if [[ " ${want[*]} " != *" debian "* ]]; then want=(debian "${want[@]}"); fi
    for name in debian "${want[@]}"; do
      line=$(table | grep "^$name|" || true)
      [ -n "$line" ] || die "unknown image '$name' (scripts/images.sh list)"
      [ "$name" = debian ] && [ -n "${done_debian:-}" ] && continue
      ensure_one "$line"
      if [ "$name" = debian ]; then done_debian=1; fi
    done
    ;;
  forget) shift; for n in "$@"; do forget "$n"; done ;;
  list) table | cut -d'|' -f1,4 | tr '|' '\t' ;;
  *) echo "usage: $0 [ensure [NAME...]|forget NAME...|list]" >&2; exit 2 ;;
esac
