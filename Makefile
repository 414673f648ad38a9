# ark-os-noa backend. `make demo` digests a real repository; `make test` runs every test.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
SOURCE ?= .
DEMO_OUT ?= noa-out/demo
# The demo embeds for at most this long (embedding is the slowest stage); `make demo` again continues where it stopped.
DEMO_EMBED_SECONDS ?= 300
# The Runner builds and tests the source in capsules; the demo gives it this many seconds in all (each step says what it reached).
DEMO_RUNNER_SECONDS ?= 120
# The base images the tests need (the full set is `make lock-images`).
TEST_IMAGES ?= debian python node
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: build data demo scan test corpora schemas services services-stop tools capsule lock-images bench clean
.PHONY: up down logs

## build: fetch build-time data, build the tree-sitter parsers (native/build), compile, and leave the executable at bin/noa
## (with bin/models/: the quantized embedding model, prepared once here rather than at every start)
build: data
	$(DOTNET) publish src/Noa.Cli -c $(CONFIG) -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o bin --nologo -v quiet
	@bin/noa prepare-models >/dev/null
	@test -x bin/noa && echo "built bin/noa"

data:
	@scripts/fetch-data.sh
	@scripts/build-native.sh

## demo: a real digest of a real repository (this one by default) on the embedded stores, in the default home
## ($$NOA_HOME, else ~/.local/share/noa), where `bin/noa runs list` and `bin/noa search` find it
demo: build
	PATH="$(CURDIR)/.cache/tools/bin:$$PATH" Noa__Embeddings__MaxSeconds=$(DEMO_EMBED_SECONDS) Noa__Runner__TotalSeconds=$(DEMO_RUNNER_SECONDS) Noa__Runner__StepSeconds=$(DEMO_RUNNER_SECONDS) bin/noa digest $(SOURCE) --out $(DEMO_OUT)

## scan: the Safety stage on this repository (SBOM, vulnerabilities, secrets, rules, licences; exit 3 when its gate fails),
## with Gitleaks and Trivy when `make tools` (or `make test`) installed them under .cache/tools/bin
scan: build
	PATH="$(CURDIR)/.cache/tools/bin:$$PATH" bin/noa digest $(SOURCE) --only safety --out noa-out/scan

## test: every test, on real inputs (corpora) and the real servers the tests need
test: build corpora schemas services tools capsule
	scripts/images.sh ensure $(TEST_IMAGES)
	scripts/test.sh

## services: install and start Redis, NATS, registry, Postgres+pgvector, S3 (moto) on 127.0.0.1
services:
	@scripts/services.sh start

services-stop:
	@scripts/services.sh stop

corpora:
	@scripts/corpora.sh

# schemas: the official SARIF 2.1.0 JSON Schema that the rules' SARIF is validated against (npm, pinned)
schemas:
	@scripts/sarif-schema.sh

## tools: the external scanners the Safety adapters run (Gitleaks, Trivy), under .cache/tools
tools:
	@scripts/tools.sh

## capsule: what capsules run on (bubblewrap, buildah, skopeo, mmdebstrap; the docker CLI under .cache/capsule/tools)
capsule:
	@scripts/capsule.sh

## lock-images: every Capsule base image (debian, python, node, node20/22/24, golang, rust, java, dotnet) built from Debian packages
## (node20/22/24: the official Node.js releases, from npm's registry),
## pushed to the local registry under the usual names and pinned in images.lock; `make test` builds or reuses TEST_IMAGES only
lock-images: services capsule
	scripts/images.sh ensure

## up: the split topology locally (servers + gateway,workflows on :8080 + one worker per stage on :8081-8085); down stops it, logs tails it
up:
	@scripts/stack.sh up

down:
	@scripts/stack.sh down

logs:
	@scripts/stack.sh logs

## bench: benchmarks against the reference tools; results in docs/benchmarks.md
bench: build corpora
	bench/run.sh classifier
	bench/run.sh graph
	bench/run.sh secrets
	bench/run.sh sbom
	bench/run.sh embeddings

clean:
	rm -rf bin .noa noa-out TestResults
	find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
