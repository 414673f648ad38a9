#!/usr/bin/env bash
# Speed and footprint a user feels (issue 12's aims), side by side in one run; rewrites the "speed" section of
# docs/benchmarks.md (--no-doc: print only).
#
#   startup   `noa --version` and `noa runs list` as fresh processes (median of BENCH_RUNS×5)
#   digest    first run of a whole digest (every stage, embeddings included) of an application of ~250 files, with an
#             empty NOA_HOME: time to usable (the run's usableAt: search, graph, card and verdict there while Env and the
#             Runner go on) beside the whole digest's wall time, each stage's time, peak RSS; the embeddings stage's
#             chunks/s (embeddings.json) beside the model's own chunks/s on the same chunks (bench/embeddings --texts, the
#             stage's configuration)
#   search    `noa search` as a fresh process on a collection of BENCH_CHUNKS chunks (p50/p99 wall, peak RSS), and
#             GET /search on a warm `noa serve --target api` (p50/p90/p99 of curl's total time, the server's CPU a request)
#
# Usage: bench/speed.sh [--no-doc]
# Env:   BENCH_PARTS (which parts, default "startup digest search"; the doc is rewritten only with all three),
#        NOA_BIN (bin/noa), NOA_EVAL (/work/eval: fetched repositories), BENCH_APP (folder of the ~250-file app; default
#        $NOA_EVAL/full-stack-fastapi-template), BENCH_SEARCH_CORPUS (default .cache/corpora/python), BENCH_CHUNKS (10000),
#        BENCH_QUERIES (40; GET /search: 5x that, after BENCH_WARM (300) requests), BENCH_RUNS (3), NOA_BENCH_WORK (.cache/bench/speed; the search collection is kept there)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
NOA=${NOA_BIN:-$ROOT/bin/noa}
EVAL=${NOA_EVAL:-/work/eval}
APP=${BENCH_APP:-$EVAL/full-stack-fastapi-template}
CORPUS=${BENCH_SEARCH_CORPUS:-$ROOT/.cache/corpora/python}
CHUNKS=${BENCH_CHUNKS:-10000}
QUERIES=${BENCH_QUERIES:-40}
WARM=${BENCH_WARM:-300}
RUNS=${BENCH_RUNS:-3}
WORK=${NOA_BENCH_WORK:-$ROOT/.cache/bench/speed}
COMMAND=${BENCH_COMMAND:-bench/speed.sh${*:+ $*}}
PARTS=${BENCH_PARTS:-startup digest search}
doc=1
[ "${1:-}" = --no-doc ] && doc=0
[ "$PARTS" = "startup digest search" ] || doc=0
part() { [[ " $PARTS " == *" $1 "* ]]; }
log() { printf 'speed bench: %s\n' "$*" >&2; }
[ -x "$NOA" ] || { log "$NOA missing (make build)"; exit 2; }
mkdir -p "$WORK"
out=$WORK/result.md
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
# wall seconds, peak RSS (MB) and CPU seconds (user + system) of one command: "SECONDS MB CPU"
measure() { /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/last.err" || { log "failed: $* (see $WORK/last.err)"; return 1; }
  awk '{printf "%s %.0f %.2f\n", $1, $2/1024, $3+$4}' "$WORK/time.txt"; }
stats() { python3 -c 'import sys,statistics as s; v=sorted(float(x) for x in sys.stdin.read().split()); q=lambda p: v[min(len(v)-1,int(round(p*(len(v)-1))))]; print(f"{q(0.5)*1000:.0f} {q(0.99)*1000:.0f} {len(v)}")'; }
{
  echo "$started, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average before: $load_before. Command: \`$COMMAND\`."
  echo
  echo "| what | measured | aim |"
  echo "|---|---|---|"
} >"$out"

# startup
if part startup; then
home=$(mktemp -d)
for verb in "--version" "runs list"; do
  : >"$WORK/t.txt"
  : >"$WORK/cpu.txt"
  for _ in $(seq $((RUNS * 5))); do
    read -r wall _ cpu < <(NOA_HOME=$home measure "$NOA" $verb)
    echo "$wall" >>"$WORK/t.txt"; echo "$cpu" >>"$WORK/cpu.txt"
  done
  read -r p50 _ n < <(stats <"$WORK/t.txt")
  read -r cpu50 _ _ < <(stats <"$WORK/cpu.txt")
  echo "| \`noa $verb\` (fresh process) | ${p50} ms median of $n (CPU ${cpu50} ms) | < 150 ms |" >>"$out"
done
rm -rf "$home"
fi

# digest of an application
if ! part digest; then
  :
elif [ -d "$APP" ]; then
  files=$(find "$APP/" -type f -not -path '*/.git/*' | wc -l)
  commit=$(git -C "$APP" rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")
  home=$(mktemp -d)
  log "digest of $APP ($files files)"
  read -r wall rss cpu < <(NOA_HOME=$home measure "$NOA" digest "$APP" --out "$WORK/app-bundle")
  run=$(NOA_HOME=$home "$NOA" runs list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["runId"])')
  usable=$(NOA_HOME=$home "$NOA" runs show "$run" --json | python3 -c '
import json,sys,datetime as d
r=json.load(sys.stdin)["run"]
p=lambda t: d.datetime.fromisoformat(t.replace("Z","+00:00"))
print("%.1f s" % (p(r["usableAt"])-p(r["createdAt"])).total_seconds() if r.get("usableAt") else "never")')
  stages=$(NOA_HOME=$home "$NOA" runs show "$run" --json | python3 -c '
import json,sys,datetime as d
a=json.load(sys.stdin)["attempts"]
p=lambda t: d.datetime.fromisoformat(t.replace("Z","+00:00"))
print(", ".join("%s %.1f s" % (x["stage"], (p(x["endedAt"])-p(x["startedAt"])).total_seconds()) for x in a if x.get("endedAt")))')
  stage_rate=$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["embedding"]; print(e["chunksPerSecond"])' "$WORK/app-bundle/embeddings.json")
  embedded=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["chunks"]["embedded"])' "$WORK/app-bundle/embeddings.json")
  echo "| digest of \`$(basename "$APP")\` ($files files, $commit), first run, every stage | usable after ${usable}; ${wall} s wall, ${cpu} CPU s, peak RSS ${rss} MB ($stages) | usable < 30 s, < 400 MB |" >>"$out"
  # the model alone on the stage's own chunks, as the stage configures it
  db=$(ls "$home"/vectors/vectors.db)
  table=$(sqlite3 "$db" "select name from sqlite_master where type='table' and name like 'c\_%' escape '\\' and name not like '%fts%' limit 1")
  sqlite3 -json "$db" "select text from $table" | python3 -c 'import json,sys; [print(json.dumps(r["text"])) for r in json.load(sys.stdin)]' >"$WORK/texts.jsonl"
  dotnet build bench/embeddings -c Release --nologo -v quiet >/dev/null
  model_rate=$(dotnet bench/embeddings/bin/Release/net10.0/Noa.Bench.Embeddings.dll --texts "$WORK/texts.jsonl" --runs "$RUNS")
  echo "| embeddings stage chunks/s in that digest vs the model on the same $embedded chunks (bench/embeddings --texts) | $stage_rate vs $model_rate chunks/s ($(python3 -c "print(f'{100*$stage_rate/$model_rate:.0f}')") %) | ≥ 90 % |" >>"$out"
  rm -rf "$home"
else
  echo "| digest of a ~250-file application | not measured: $APP is absent (set NOA_EVAL or BENCH_APP) | < 30 s |" >>"$out"
fi

# search on a collection of ~CHUNKS chunks
if part search; then
home=$WORK/search-home
if [ ! -s "$home/ready" ]; then
  rm -rf "$home" && mkdir -p "$home"
  log "embedding $CHUNKS chunks of $CORPUS (once; kept in $home)"
  NOA_HOME=$home Noa__Embeddings__MaxChunks=$CHUNKS "$NOA" digest "$CORPUS" --out "$WORK/search-bundle" >"$WORK/search-digest.log" 2>&1 || true
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["chunks"]; print(c["embedded"]+c["unchanged"]+c["reused"])' "$WORK/search-bundle/embeddings.json" >"$home/ready"
fi
stored=$(cat "$home/ready")
mapfile -t queries <<'EOF'
parse a date string into a datetime
read a configuration file and fill in defaults
open a socket connection with a timeout
compress data with gzip
split a path into directory and file name
encode bytes as base64
retry a failed http request
compute the md5 hash of a file
walk a directory tree recursively
format a number with thousands separators
parse command line arguments
escape html special characters
decode a json document
create a temporary directory
compare two version strings
read lines from a csv file
send an email over smtp
generate a random password
wait for a child process to finish
convert a string to title case
EOF
: >"$WORK/t.txt"; : >"$WORK/rss.txt"; : >"$WORK/cpu.txt"
for i in $(seq 0 $((QUERIES - 1))); do
  q=${queries[$((i % ${#queries[@]}))]}
  read -r wall rss cpu < <(NOA_HOME=$home measure "$NOA" search "$q")
  echo "$wall" >>"$WORK/t.txt"; echo "$rss" >>"$WORK/rss.txt"; echo "$cpu" >>"$WORK/cpu.txt"
done
read -r p50 p99 n < <(stats <"$WORK/t.txt")
peak=$(sort -n "$WORK/rss.txt" | tail -1)
read -r cpu50 _ _ < <(stats <"$WORK/cpu.txt")
echo "| \`noa search\` cold process, $stored chunks | p50 ${p50} ms, p99 ${p99} ms over $n queries (CPU median ${cpu50} ms); peak RSS ${peak} MB | p50 < 150 ms, p99 < 400 ms; < 300 MB |" >>"$out"

# warm server
key=$WORK/admin-key
[ -s "$key" ] || (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$key")
port=${BENCH_PORT:-18090}
NOA_HOME=$home Noa__Gateway__BootstrapKeyFile=$key "$NOA" serve --target api --urls "http://127.0.0.1:$port" >"$WORK/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.3; done
auth="Authorization: Bearer noa_bootstrap_$(cat "$key")"
# Warm means past tiered compilation: a few hundred requests first (a server's steady state), each query made distinct.
for i in $(seq 0 $((WARM - 1))); do
  curl -fs -o /dev/null -H "$auth" -G "http://127.0.0.1:$port/search" --data-urlencode "q=${queries[$((i % ${#queries[@]}))]} warm $i"
done
: >"$WORK/t.txt"
cpu0=$(awk '{print $14+$15}' "/proc/$server/stat")
for i in $(seq 0 $((QUERIES * 5 - 1))); do
  q=${queries[$((i % ${#queries[@]}))]}
  curl -fs -o /dev/null -w '%{time_total}\n' -H "$auth" -G "http://127.0.0.1:$port/search" --data-urlencode "q=$q $((i / ${#queries[@]}))" >>"$WORK/t.txt"
done
cpu=$(( ($(awk '{print $14+$15}' "/proc/$server/stat") - cpu0) * 1000 / $(getconf CLK_TCK) / (QUERIES * 5) ))
kill $server 2>/dev/null || true
read -r p50 p99 n < <(stats <"$WORK/t.txt")
p90=$(python3 -c 'import sys; v=sorted(float(x) for x in sys.stdin.read().split()); print(f"{v[min(len(v)-1,int(round(0.9*(len(v)-1))))]*1000:.0f}")' <"$WORK/t.txt")
echo "| \`GET /search\` on a warm \`noa serve --target api\` (after $WARM requests), same collection | p50 ${p50} ms, p90 ${p90} ms, p99 ${p99} ms over $n queries (server CPU ${cpu} ms a request) | < 30 ms |" >>"$out"
fi
echo >>"$out"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg). Wall times on this 2-core machine shared by other engineers' builds stretch with the load; CPU-bound steps scale roughly with load / 2 when it is above 2." >>"$out"

cat "$out"
if [ $doc = 1 ]; then
  python3 - "$out" <<'EOF'
import sys, pathlib
section = pathlib.Path(sys.argv[1]).read_text()
doc = pathlib.Path("docs/benchmarks.md")
text = doc.read_text()
begin, end = "<!-- bench:speed:begin -->", "<!-- bench:speed:end -->"
block = f"{begin}\n## Speed and footprint (issue 12)\n\n{section}{end}\n"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    text = head + block + rest.split(end, 1)[1].lstrip("\n")
else:
    text = text.rstrip("\n") + "\n\n" + block
doc.write_text(text)
EOF
fi
