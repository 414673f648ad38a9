#!/usr/bin/env bash
# The split topology on this machine: `scripts/stack.sh up|down|logs|status` (`make up`, `make down`, `make logs`).
#
# up:   builds bin/noa (unless NOA_STACK_NOBUILD=1), starts the servers (scripts/services.sh: Redis, Postgres, S3 on
#       127.0.0.1), then ten `bin/noa serve` processes on Redis + Postgres + S3 with Noa:Workflows:Dispatch=bus:
#         gateway,workflows  on $NOA_STACK_PORT (8080)   the API, the run scheduler and the engine (orchestrator)
#         intake             on $NOA_STACK_PORT+1        a worker of tasks.intake
#         classifier         on $NOA_STACK_PORT+2        a worker of tasks.classifier
#         graph              on $NOA_STACK_PORT+3        a worker of tasks.graph
#         safety             on $NOA_STACK_PORT+4        a worker of tasks.safety
#         embeddings         on $NOA_STACK_PORT+5        a worker of tasks.embeddings (vectors in Postgres: pgvector)
#         registrar          on $NOA_STACK_PORT+6        a worker of tasks.registrar (bundles to the registry on 127.0.0.1:5000)
#         integrator         on $NOA_STACK_PORT+7        a worker of tasks.integrator
#         runner             on $NOA_STACK_PORT+8        a worker of tasks.runner (builds and tests in capsules: needs root)
#         env                on $NOA_STACK_PORT+9        a worker of tasks.env (deployment files; "not verified" without a capsule)
#       Secrets (the bootstrap admin key, the S3 secret key) are generated once into .cache/stack/secrets/ (mode 600)
#       and handed over as *File settings: the processes' environment holds paths, never secrets.
# down: stops the noa processes by pid file (the servers keep running: `make services-stop` stops them).
# logs: tails every process's log.
#
# State: .cache/stack/ (NOA_STACK_DIR): pids/, logs/, secrets/, home-*/ (each process's Noa:Home for scratch space).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${NOA_STACK_DIR:-$root/.cache/stack}
port=${NOA_STACK_PORT:-8080}
noa=$root/bin/noa
# The stack's own Redis database and Postgres schema, apart from the tests' (which flush theirs).
redis_db=${NOA_STACK_REDIS_DB:-3}
schema=${NOA_STACK_SCHEMA:-noa_stack}
bucket=${NOA_STACK_BUCKET:-noa-stack}
# name:target:port offset. Workers listen too: /healthz and /readyz.
processes=("gateway:gateway,workflows:0" "intake:intake:1" "classifier:classifier:2" "graph:graph:3" "safety:safety:4" "embeddings:embeddings:5" "registrar:registrar:6" "integrator:integrator:7" "runner:runner:8" "env:env:9")
log() { printf 'stack: %s\n' "$*" >&2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

secret() { # file generator: written once, readable by this user only
  [ -s "$1" ] && return 0
  (umask 077 && "$2" >"$1.tmp" && mv "$1.tmp" "$1")
}
admin_key() { printf 'noa_bootstrap_%s\n' "$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"; }
s3_secret() { od -An -N20 -tx1 /dev/urandom | tr -d ' \n'; echo; }

# Non-secret settings, the same for every process (see deploy/k8s/configmap.yaml for the cluster's).
settings() {
  cat <<EOF
Noa__Workflows__Dispatch=bus
Noa__Bus__Provider=redis
Noa__Bus__Redis__ConnectionString=127.0.0.1:6379,defaultDatabase=$redis_db
Noa__Metadata__Provider=postgres
Noa__Metadata__Postgres__ConnectionString=Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres;Search Path=$schema
Noa__Vectors__Provider=postgres
Noa__Vectors__Postgres__ConnectionString=Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres;Search Path=$schema,public
Noa__Artifacts__Provider=s3
Noa__Artifacts__S3__ServiceUrl=http://127.0.0.1:4566
Noa__Artifacts__S3__Bucket=$bucket
Noa__Artifacts__S3__AccessKey=noa-stack
Noa__Artifacts__S3__SecretKeyFile=$dir/secrets/s3-secret-key
Noa__Artifacts__S3__ForcePathStyle=true
Noa__Artifacts__S3__CreateBucket=true
Noa__Gateway__BootstrapKeyFile=$dir/secrets/admin-key
Noa__Gateway__AllowLocalSources=true
Noa__Gateway__Queues__tasks.intake=workers
Noa__Gateway__Queues__tasks.classifier=workers
Noa__Gateway__Queues__tasks.graph=workers
Noa__Gateway__Queues__tasks.safety=workers
Noa__Gateway__Queues__tasks.embeddings=workers
Noa__Gateway__Queues__tasks.env=workers
Noa__Gateway__Queues__tasks.integrator=workers
Noa__Gateway__Queues__tasks.registrar=workers
Noa__Gateway__Queues__tasks.runner=workers
Noa__Bundles__Provider=registry
Noa__Bundles__Registry__Url=http://127.0.0.1:5000
Noa__Registrar__RepositoryPrefix=noa-stack
Noa__Intake__AllowedFileRoots__0=$root
EOF
}

wait_ready() { # name url pidfile
  for _ in $(seq 1 300); do
    alive "$3" || { log "$1 exited; last lines of $dir/logs/$1.log:"; tail -20 "$dir/logs/$1.log" >&2; return 1; }
    curl -fsS -o /dev/null "$2/readyz" 2>/dev/null && return 0
    sleep 0.2
  done
  log "$1 not ready at $2/readyz after 60 s (log: $dir/logs/$1.log)"; return 1
}

up() {
  [ "${NOA_STACK_NOBUILD:-}" = 1 ] || make -C "$root" --no-print-directory build
  "$root/scripts/services.sh" start
  mkdir -p "$dir/pids" "$dir/logs" "$dir/secrets"
  chmod 700 "$dir/secrets"
  secret "$dir/secrets/admin-key" admin_key
  secret "$dir/secrets/s3-secret-key" s3_secret
  # The tables live in the first schema of the search path, which must exist (PostgresSettings).
  PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -qtAc "CREATE SCHEMA IF NOT EXISTS $schema" >/dev/null
  local env=() line
  while IFS= read -r line; do env+=("$line"); done < <(settings)
  for p in "${processes[@]}"; do
    IFS=: read -r name target offset <<<"$p"
    local pidfile=$dir/pids/$name.pid url=http://127.0.0.1:$((port + offset))
    if alive "$pidfile"; then log "$name already running (pid $(cat "$pidfile"))"; continue; fi
    mkdir -p "$dir/home-$name"
    env "${env[@]}" nohup "$noa" --home "$dir/home-$name" serve --target "$target" --urls "$url" \
      >>"$dir/logs/$name.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    wait_ready "$name" "$url" "$pidfile"
    log "$name ($target) ready on $url, pid $(cat "$pidfile")"
  done
  cat <<EOF
gateway:   http://127.0.0.1:$port   (API reference: /docs, health: /healthz /readyz)
admin key: $dir/secrets/admin-key   (send it as: -H "Authorization: Bearer \$(cat $dir/secrets/admin-key)")
logs:      make logs   ($dir/logs/)
stop:      make down
try:       curl -s -X POST http://127.0.0.1:$port/digest -H "Authorization: Bearer \$(cat $dir/secrets/admin-key)" \\
             -H 'Content-Type: application/json' -d '{"source":"$root"}'
EOF
}

down() {
  local p name pid
  # Workers first, then the orchestrator, so no task is published to a queue nobody reads.
  for ((i = ${#processes[@]} - 1; i >= 0; i--)); do
    name=${processes[i]%%:*}
    local pidfile=$dir/pids/$name.pid
    if alive "$pidfile"; then
      pid=$(cat "$pidfile"); kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 10 s; killing it"; kill -9 "$pid" 2>/dev/null || true; }
      log "stopped $name (pid $pid)"
    fi
    rm -f "$pidfile"
  done
}

logs() {
  shopt -s nullglob
  local files=("$dir"/logs/*.log)
  ((${#files[@]})) || { log "no logs in $dir/logs (make up first)"; exit 1; }
  exec tail -n "${NOA_STACK_LOG_LINES:-20}" -F "${files[@]}"
}

status() {
  for p in "${processes[@]}"; do
    IFS=: read -r name target offset <<<"$p"
    if alive "$dir/pids/$name.pid"; then echo "$name up (pid $(cat "$dir/pids/$name.pid"), http://127.0.0.1:$((port + offset)))"; else echo "$name down"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  logs) logs ;;
  status) status ;;
  *) echo "usage: $0 up|down|logs|status" >&2; exit 2 ;;
esac
