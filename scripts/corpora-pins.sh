# shellcheck shell=bash
# The pinned inputs of scripts/corpora.sh (sourced by it): what each corpus is assembled from. A pin changed here
# changes that corpus's recipe key, so the next `scripts/corpora.sh` rebuilds it.
# npm: exact top-level versions; NPM_BEFORE freezes the transitive tree to what the registry
# served on that date, so package-lock.json comes out the same on every machine.
NPM_PINS=(express@4.22.3 rxjs@7.8.2 zod@4.6.7 commander@14.0.3)
NPM_BEFORE=2026-11-20

# Debian 12 (bookworm) packages as package=version. A version that the mirror no longer serves
# (security updates replace libpython3.11 and openjdk-17) falls back to the current candidate,
# with a warning, and the version actually used is printed and kept in the stamp.
PY_DEBS=(
  libpython3.11-minimal=3.11.2-6+deb12u9
  libpython3.11-stdlib=3.11.2-6+deb12u9
  python3-flask=2.2.2-3
  python3-werkzeug=2.2.2-3+deb12u1
  python3-jinja2=3.1.2-1+deb12u3
  python3-requests=2.28.1+dfsg-1
  python3-click=8.1.3-2
)
GO_DEBS=(golang-1.19-src=1.19.8-2)
JAVA_DEBS=(openjdk-17-source=17.0.21.1+2-1~deb12u1)
RUST_DEBS=(
  librust-serde-dev=1.0.152-2
  librust-serde-json-dev=1.0.87-1
  librust-regex-dev=1.7.1-1
  librust-clap-dev=4.0.32-1
  librust-anyhow-dev=1.0.69-1
  librust-tokio-dev=1.24.2-1
  librust-hyper-dev=0.14.19-1
)
# Debian 12 source packages as package=version:folder (folder under endpoints/).
ENDPOINT_SRCS=(
  golang-github-gin-gonic-gin=1.8.1-1:gin
  golang-github-labstack-echo=4.2.1-3:echo
  node-express=4.18.2+~4.17.14-1:express
)
# The suites corpus, from three sources. Debian 12 binary packages as package=version:folder:path (the path inside the .deb
# copied to suites/folder/): Go modules (golang-*-dev ship go.mod and _test.go; pkg-errors has no go.mod), Rust crates
# (librust-*-dev ship the crate as crates.io publishes it) and Python packages that ship their tests.
SUITE_DEBS=(
  python3-simplejson=3.18.3-1:simplejson:usr/lib/python3/dist-packages/simplejson
  golang-github-kr-pretty-dev=0.3.0-1:kr-pretty:usr/share/gocode/src/github.com/kr/pretty/.
  golang-github-kr-text-dev=0.2.0-2:kr-text:usr/share/gocode/src/github.com/kr/text/.
  golang-github-google-go-cmp-dev=0.5.9-1:go-cmp:usr/share/gocode/src/github.com/google/go-cmp/.
  golang-github-google-uuid-dev=1.3.0-1:google-uuid:usr/share/gocode/src/github.com/google/uuid/.
  golang-github-gorilla-mux-dev=1.8.0-1:gorilla-mux:usr/share/gocode/src/github.com/gorilla/mux/.
  golang-github-hashicorp-golang-lru-dev=0.5.4-2:golang-lru:usr/share/gocode/src/github.com/hashicorp/golang-lru/.
  golang-github-kylelemons-godebug-dev=1.1.0-2:godebug:usr/share/gocode/src/github.com/kylelemons/godebug/.
  golang-github-mattn-go-runewidth-dev=0.0.14-1:go-runewidth:usr/share/gocode/src/github.com/mattn/go-runewidth/.
  golang-github-stretchr-testify-dev=1.8.1-1:testify:usr/share/gocode/src/github.com/stretchr/testify/.
  golang-github-pkg-errors-dev=0.9.1-2:pkg-errors:usr/share/gocode/src/github.com/pkg/errors/.
  librust-semver-dev=1.0.14-1:semver:usr/share/cargo/registry/semver-1.0.14/.
  librust-fnv-dev=1.0.7-1:fnv:usr/share/cargo/registry/fnv-1.0.7/.
  librust-heck-dev=0.4.0-1:heck:usr/share/cargo/registry/heck-0.4.0/.
  librust-itoa-dev=1.0.1-2:itoa:usr/share/cargo/registry/itoa-1.0.1/.
  librust-strsim-dev=0.10.0-1:strsim:usr/share/cargo/registry/strsim-0.10.0/.
  librust-scopeguard-dev=1.1.0-1:scopeguard:usr/share/cargo/registry/scopeguard-1.1.0/.
  librust-unicode-width-dev=0.1.10-1:unicode-width:usr/share/cargo/registry/unicode-width-0.1.10/.
  librust-lazy-static-dev=1.4.0-2:lazy-static:usr/share/cargo/registry/lazy_static-1.4.0/.
  librust-glob-dev=0.3.0-1:glob:usr/share/cargo/registry/glob-0.3.0/.
  librust-memchr-dev=2.5.0-1:memchr:usr/share/cargo/registry/memchr-2.5.0/.
)
# Debian 12 source packages as package=version:folder, the upstream tarball only (most of Debian's Python source tarballs
# are not served by the mirror this was written on: six, attrs, dateutil, markdown, simplejson… 404; these are).
SUITE_SRCS=(
  sortedcontainers=2.4.0-2:sortedcontainers
  toolz=0.12.0-1:toolz
  python-mccabe=0.7.0-1:mccabe
  python-toml=0.10.2-1:toml
  python-xmltodict=0.13.0-1.1~deb12u1:xmltodict
  python-colorama=0.4.6-2:colorama
  python-jmespath=1.0.1-1:jmespath
  libcommons-codec-java=1.15-1:commons-codec
  commons-io=2.11.0-2:commons-io
  java-string-similarity=2.0.0-1:java-string-similarity
)
# npm packages whose published tarball holds their tests and a test script (`npm pack`, no install: the Runner installs).
SUITE_NPM=(
  minimist@1.2.8 qs@6.17.1 side-channel@1.1.1 deep-is@0.1.4 json-stable-stringify@1.3.0 xtend@4.0.2 has-symbols@1.1.0
  function-bind@1.1.2 is-callable@1.2.7
)

# npm packages that ship OpenAPI documents, as package@version:path-in-package. Chosen for spread: sizes from
# one operation to GitHub's 1,200; Swagger 2.0, 3.0 and 3.1; JSON and YAML; oneOf/anyOf with and without
# discriminators, allOf, enums, nullable, dates, binary and multipart, paging parameters, text/event-stream, every
# security scheme kind, circular schemas.
OPENAPI_SPECS=(
  @octokit/openapi@23.0.2:generated/api.github.com.json
  @figma/rest-api-spec@0.43.0:openapi/openapi.yaml
  @directus/specs@15.2.0:dist/openapi.json
  @digdir/dialogporten-schema@1.118.6:swagger.verified.json
  @blockfrost/openapi@0.1.93:openapi.yaml
  @readme/oas-examples@8.2.2:2.0/json/petstore.json
  @readme/oas-examples@8.2.2:2.0/yaml/petstore-expanded.yaml
  @readme/oas-examples@8.2.2:2.0/json/api-with-examples.json
  @readme/oas-examples@8.2.2:2.0/yaml/schema-circular.yaml
  @readme/oas-examples@8.2.2:3.0/json/discriminators.json
  @readme/oas-examples@8.2.2:3.0/yaml/polymorphism.yaml
  @readme/oas-examples@8.2.2:3.0/json/file-uploads.json
  @readme/oas-examples@8.2.2:3.0/yaml/schema-types.yaml
  @readme/oas-examples@8.2.2:3.0/json/schema-enums.json
  @readme/oas-examples@8.2.2:3.0/json/uspto.json
  @readme/oas-examples@8.2.2:3.0/yaml/star-trek.yaml
  @readme/oas-examples@8.2.2:3.0/json/security.json
  @readme/oas-examples@8.2.2:3.0/json/parameters-style.json
  @readme/oas-examples@8.2.2:3.0/json/circular.json
  @readme/oas-examples@8.2.2:3.0/json/response-multiple-mediatypes.json
  @readme/oas-examples@8.2.2:3.0/json/complex-nesting.json
  @readme/oas-examples@8.2.2:3.0/yaml/schema-additional-properties.yaml
  @readme/oas-examples@8.2.2:3.1/yaml/train-travel.yaml
  @readme/oas-examples@8.2.2:3.1/json/webhooks.json
  @readme/oas-examples@8.2.2:3.1/json/schema-types.json
  @readme/oas-examples@8.2.2:3.1/json/readme.json
  @readme/oas-examples@8.2.2:3.1/yaml/security.yaml
)

# apps: npm packages that are servers, as package@version:folder, and Debian source packages as package=version:folder.
APP_NPM=(
  cors-anywhere@0.4.4:cors-anywhere
  http-server@14.1.1:http-server
  peer@1.0.2:peer
  gun@0.2020.1241:gun
  local-web-server@5.4.0:local-web-server
  verdaccio@5.33.0:verdaccio
  node-red@3.1.15:node-red
  json-server@0.17.4:json-server
  maildev@2.1.0:maildev
  redis-commander@0.9.0:redis-commander
)
APP_SRCS=(
  webhook=2.8.0-4:webhook
  nrpe-ng=0.2.0-1.1:nrpe-ng
)
# Go servers whose Debian source tarball the mirror does not serve (404), taken from the -dev package that ships their whole
# source as upstream lays it out (go.mod, cmd/, the web assets), and Python web apps upstream ships as examples (Tornado's
# blog with its Dockerfile, compose file and requirements.txt; its chat; Werkzeug's shortly), from the -doc package, as
# package=version:folder:path-in-the-package.
APP_DEBS=(
  golang-github-prometheus-alertmanager-dev=0.25.0-1:alertmanager:usr/share/gocode/src/github.com/prometheus/alertmanager
  golang-github-anacrolix-dms-dev=1.5.0-2:dms:usr/share/gocode/src/github.com/anacrolix/dms
  golang-etcd-server-dev=3.4.23-4:etcd:usr/share/gocode/src/go.etcd.io/etcd
  python-tornado-doc=6.2.0-3+deb12u4:tornado-blog:usr/share/doc/python-tornado-doc/examples/blog
  python-tornado-doc=6.2.0-3+deb12u4:tornado-chat:usr/share/doc/python-tornado-doc/examples/chat
  python-werkzeug-doc=2.2.2-3+deb12u1:werkzeug-shortly:usr/share/doc/python-werkzeug-doc/examples/shortly
)
# ASP.NET Core apps as the .NET SDK's own templates generate them (`dotnet new`, offline, fixed launch ports so the output is
# the same on every machine with that SDK), as template:folder:project-name.
APP_DOTNET=(
  webapi:aspnet-webapi:TodoApi
  mvc:aspnet-mvc:WebShop
)
