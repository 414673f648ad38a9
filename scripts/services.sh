#!/usr/bin/env bash
# Installs (Debian packages) and starts, on 127.0.0.1, the real servers the tests and the local stack
# use: Redis, NATS (JetStream), an OCI distribution registry, Postgres 15 with pgvector, and an S3
# server (moto). Idempotent: a running server is left alone. `scripts/services.sh stop` stops them
# by pid file; `scripts/services.sh status` tells which answer.
#
# Ports: redis 6379, nats 4222 (monitor 8222), registry 5000, postgres 5432, s3 4566.
# State lives in $NOA_SERVICES_DIR (default .cache/services under the repository).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${NOA_SERVICES_DIR:-$root/.cache/services}
pgbin=/usr/lib/postgresql/15/bin
mkdir -p "$state"
# The servers keep the data paths they were started with: resolve symlinks (a worktree whose .cache links to another
# checkout's), so removing the link does not pull the data directory from under a running Postgres.
state=$(cd "$state" && pwd -P)
log() { printf 'services: %s\n' "$*" >&2; }

apt_updated=
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# pgvector is not in bookworm: build it from trixie's source package through a private apt config,
# so the machine's own sources stay untouched.
install_pgvector() {
  [ -f /usr/share/postgresql/15/extension/vector.control ] && return 0
  apt_install build-essential dpkg-dev
  local apt="$state/apt-trixie" mirror
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  mkdir -p "$apt/lists/partial" "$apt/src"
  echo "deb-src $mirror trixie main" >"$apt/sources.list"
  local opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o Dir::State::Lists="$apt/lists" -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
  log "building pgvector from trixie's source package"
  apt-get "${opts[@]}" update -qq >/dev/null
  (cd "$apt/src" && apt-get "${opts[@]}" source -qq --download-only pgvector >/dev/null &&
    rm -rf pgvector-src && mkdir pgvector-src && dpkg-source -x --no-check pgvector_*.dsc pgvector-src/tree >/dev/null)
  make -s -C "$apt/src/pgvector-src/tree" PG_CONFIG=$pgbin/pg_config with_llvm=no >/dev/null
  make -s -C "$apt/src/pgvector-src/tree" PG_CONFIG=$pgbin/pg_config with_llvm=no install >/dev/null
}

install_all() {
  # postgresql-server-dev-15 first: it may upgrade the server, which must not happen under a running one.
  apt_install redis-server nats-server docker-registry postgresql postgresql-server-dev-15 curl
  install_pgvector
  command -v moto_server >/dev/null || apt_install_moto
}

apt_install_moto() {
  if python3 -m pip --version >/dev/null 2>&1 && python3 -m pip install -q 'moto[server]>=5,<6' >/dev/null 2>&1; then
    hash -r; command -v moto_server >/dev/null && return 0
  fi
  log "moto_server not found and pip could not install it"
  return 1
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A server already answering on its port (started from another checkout, or by hand) is used as is.
running() { alive "$state/$1.pid" || port_open "$2"; }

wait_port() { # port name
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  log "$2 did not open port $1"; return 1
}

start_redis() {
  running redis 6379 && return 0
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --pidfile "$state/redis.pid" \
    --dir "$state" --logfile "$state/redis.log" --save '' --appendonly no
  wait_port 6379 redis
}

start_nats() {
  running nats 4222 && return 0
  mkdir -p "$state/nats"
  nohup nats-server -a 127.0.0.1 -p 4222 -m 8222 -js -sd "$state/nats" -P "$state/nats.pid" \
    >"$state/nats.log" 2>&1 &
  wait_port 4222 nats
}

start_registry() {
  running registry 5000 && return 0
  mkdir -p "$state/registry"
  cat >"$state/registry.yml" <<EOF
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $state/registry }
  delete: { enabled: true }
http: { addr: 127.0.0.1:5000 }
EOF
  nohup docker-registry serve "$state/registry.yml" >"$state/registry.log" 2>&1 &
  echo $! >"$state/registry.pid"
  wait_port 5000 registry
}

start_postgres() {
  local data="$state/pg"
  running postgres 5432 && return 0
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"; chown postgres:postgres "$data"
    su postgres -s /bin/sh -c "$pgbin/initdb -D '$data' --auth=trust -U postgres -E UTF8 >/dev/null"
  fi
  chown postgres:postgres "$state"
  su postgres -s /bin/sh -c "$pgbin/pg_ctl -D '$data' -w -l '$state/postgres.log' \
    -o \"-c listen_addresses=127.0.0.1 -c port=5432 -c unix_socket_directories='$data' -c max_connections=200 -c fsync=off\" start >/dev/null"
  head -1 "$data/postmaster.pid" >"$state/postgres.pid"
  wait_port 5432 postgres
  su postgres -s /bin/sh -c "PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -qtAc 'CREATE EXTENSION IF NOT EXISTS vector' postgres >/dev/null"
}

start_s3() {
  running s3 4566 && return 0
  nohup moto_server -H 127.0.0.1 -p 4566 >"$state/s3.log" 2>&1 &
  echo $! >"$state/s3.pid"
  wait_port 4566 s3
}

stop_all() {
  if alive "$state/postgres.pid"; then
    su postgres -s /bin/sh -c "$pgbin/pg_ctl -D '$state/pg' -m fast -w stop >/dev/null" || true
  fi
  for name in redis nats registry s3; do
    if alive "$state/$name.pid"; then
      pid=$(cat "$state/$name.pid"); kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$state/$name.pid"
  done
  rm -f "$state/postgres.pid"
  log "stopped"
}

status() {
  for s in redis:6379 nats:4222 registry:5000 postgres:5432 s3:4566; do
    if (exec 3<>"/dev/tcp/127.0.0.1/${s#*:}") 2>/dev/null; then echo "${s%%:*} up (${s#*:})"; else echo "${s%%:*} down"; fi
  done
}

case "${1:-start}" in
  start)
    t0=$SECONDS
    install_all
    start_redis; start_nats; start_registry; start_postgres; start_s3
    log "all up in $((SECONDS - t0)) s (redis 6379, nats 4222, registry 5000, postgres 5432, s3 4566)"
    ;;
  stop) stop_all ;;
  status) status ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
