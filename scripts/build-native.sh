#!/usr/bin/env bash
# Builds native/build/libnoa-tree-sitter.so: the tree-sitter core and every grammar the Graph stage
# parses with, from the C sources pinned by native/tree-sitter/package-lock.json (npm packages; node
# never loads them). Cached by the hash of the lockfile and this script: a second run does nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/native/tree-sitter"
out="$root/native/build"
lib="$out/libnoa-tree-sitter.so"
hash="$(cat "$src/package-lock.json" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)"
if [[ -f "$lib" && "$(cat "$out/.hash" 2>/dev/null)" == "$hash" ]]; then
  exit 0
fi
command -v gcc >/dev/null || { echo "build-native: gcc is needed to build the tree-sitter parsers (apt-get install gcc)" >&2; exit 1; }
stamp="$src/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$src/package-lock.json" -nt "$stamp" ]]; then
  (cd "$src" && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi
nm="$src/node_modules"
core="$nm/tree-sitter/vendor/tree-sitter/lib"
sources=("$core/src/lib.c")
for dir in tree-sitter-python/src tree-sitter-javascript/src tree-sitter-typescript/typescript/src \
           tree-sitter-typescript/tsx/src tree-sitter-go/src tree-sitter-rust/src tree-sitter-java/src \
           tree-sitter-c-sharp/src; do
  for f in parser.c scanner.c; do
    [[ -f "$nm/$dir/$f" ]] && sources+=("$nm/$dir/$f")
  done
done
started=$SECONDS
echo "build-native: compiling ${#sources[@]} C files (tree-sitter $(node -p "require('$nm/tree-sitter/package.json').version"))…" >&2
objs="$out/obj"
rm -rf "$objs" && mkdir -p "$objs"
printf '%s\n' "${sources[@]}" | nl -w1 -s' ' | xargs -P "$(nproc)" -L1 bash -c '
  set -e; n="$0"; f="$1"; d="$(dirname "$f")"
  gcc -O2 -fPIC -std=c11 -fvisibility=hidden -w -I"'"$core"'/include" -I"'"$core"'/src" -I"$d" -c "$f" -o "'"$objs"'/$n.o"'
# Export only the core API (ts_*) and the grammars' entry points (tree_sitter_<lang>).
gcc -shared -o "$lib.tmp" "$objs"/*.o
rm -rf "$objs"
mv "$lib.tmp" "$lib"
echo "$hash" > "$out/.hash"
echo "build-native: $(du -h "$lib" | cut -f1) $lib in $((SECONDS - started)) s" >&2
