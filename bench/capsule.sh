#!/usr/bin/env bash
# Capsule benchmark (root, after `make capsule` and `make lock-images` or at least `scripts/images.sh ensure debian
# python`): spawn-to-first-output p50/p99 of bare bwrap, `buildah run`, the ISandbox, a host-root capsule and an image
# capsule (warm) in the same run; 100 capsules 8 at a time with what is left behind (processes, mounts, cgroups); a
# `docker build` through the build proxy beside the same build by the outer builder. Prints Markdown and rewrites its
# section of docs/benchmarks.md (between the bench:capsule markers) unless --no-docs is given.
#
# Usage: bench/capsule.sh [--no-docs] [RUNS]     RUNS spawns per latency row (default 100)
#        BENCH_IMAGE (default python:3.11-slim): the image capsule's image, which must be in buildah's store
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
docs=1
args=()
for a in "$@"; do
  if [ "$a" = --no-docs ]; then docs=0; else args+=("$a"); fi
done
[ "$(id -u)" = 0 ] || { echo "bench/capsule: capsules run as root (each sandbox gets its own unprivileged host user)" >&2; exit 1; }
for tool in bwrap buildah skopeo; do
  command -v "$tool" >/dev/null || { echo "bench/capsule: $tool is missing: make capsule (scripts/capsule.sh)" >&2; exit 1; }
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
dotnet build -c Release bench/capsule >/dev/null
dotnet run -c Release --no-build --project bench/capsule -- "${args[@]}" | tee "$out"
[ "$docs" = 1 ] || exit 0
BENCH_COMMAND="bench/capsule.sh${args[*]:+ ${args[*]}}" python3 - "$out" docs/benchmarks.md <<'PY'
import os, sys
table, doc = open(sys.argv[1]).read().strip(), sys.argv[2]
begin, end = "<!-- bench:capsule:begin -->", "<!-- bench:capsule:end -->"
section = f"""{begin}
## Capsule (bubblewrap sandbox, buildah outer builder)

Produced by: `{os.environ["BENCH_COMMAND"]}` (root; tools of `make capsule`, images of `make lock-images`, the local
registry of `scripts/services.sh`). Targets: spawn → first output p50 < 50 ms and p99 < 150 ms on the host root,
< 300 ms on an image (warm); build proxy overhead < 5% and its second build fully cached; 100 capsules 8 at a time
leave no process, mount or cgroup behind. Anchors from elsewhere: bubblewrap ~12 ms p50, gVisor 81–280 ms,
Firecracker ≤ 125 ms to init, E2B ~0.44 s median. Each row times one command (`echo x`) from the call that starts it
to its first byte of output; the capsule rows include checking the request, the workspace, the sidecars and audit.

{table}
{end}"""
text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n"
if begin in text and end in text:
    text = text[:text.index(begin)] + section + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(doc, "w").write(text)
print(f"wrote the capsule section of {doc}", file=sys.stderr)
PY
