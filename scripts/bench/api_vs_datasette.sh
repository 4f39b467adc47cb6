#!/usr/bin/env bash
# Side-by-side load test, loopback only and bounded in time: this server vs Datasette on the
# same SQLite file, same query. Usage: scripts/bench/api_vs_datasette.sh [ROWS] [SECONDS]
# Needs `make build` first. Installs wrk (Debian) and datasette (PyPI, in a venv) if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-100000}"   # facts in the synthetic table
secs="${2:-10}"
work=target/bench
mkdir -p "$work"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
if [ ! -x "$work/venv/bin/datasette" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q datasette
fi

db="$work/bench-$rows.db"
if [ ! -f "$db" ]; then
    target/release/server --db "$db" ingest seeds >/dev/null 2>&1
    python3 scripts/bench/synth_db.py "$db" "$rows"
fi

port_ours=38411
port_ds=38412
target/release/server serve --addr "127.0.0.1:$port_ours" --db "$db" >/dev/null 2>&1 &
ours=$!
"$work/venv/bin/datasette" serve "$db" --port "$port_ds" --host 127.0.0.1 --setting max_returned_rows 2000000 \
    --setting sql_time_limit_ms 60000 >/dev/null 2>&1 &
ds=$!
trap 'kill $ours $ds 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port_ours/healthz" >/dev/null && curl -fs "http://127.0.0.1:$port_ds/-/versions.json" >/dev/null && break
    sleep 0.2
done

dbname=$(basename "$db" .db)
ours_url="http://127.0.0.1:$port_ours/api/v1/facts?city=siping&metric=project_count&scope=all&limit=100"
sql="select f.id, a.file_name as article, f.city, f.scope, f.period, f.metric, f.value, f.unit, f.bound, f.label, f.quote from facts f join articles a on a.id = f.article_id where f.city = 'siping' and f.metric = 'project_count' order by f.id limit 100"
ds_url="http://127.0.0.1:$port_ds/$dbname.json?sql=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$sql")&_shape=array"

# Same answer size from both, or the comparison is meaningless.
n_ours=$(curl -fs "$ours_url" | python3 -c 'import json,sys;print(len(json.load(sys.stdin)["items"]))')
n_ds=$(curl -fs "$ds_url" | python3 -c 'import json,sys;print(len(json.load(sys.stdin)))')
echo "rows in the table: $rows; rows per answer: ours $n_ours, datasette $n_ds"

run_wrk() { # name url
    local out
    out=$(wrk -t2 -c64 -d"${secs}s" --latency "$2")
    local rps p50 p99 errs
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errs=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
    echo "$1: $rps req/s, p50 $p50, p99 $p99 ${errs:+($errs)}" >&2
    echo "$rps"
}
echo "== facts JSON, 64 connections, ${secs}s each"
r_ours=$(run_wrk "ours     " "$ours_url")
r_ds=$(run_wrk "datasette" "$ds_url")
python3 -c "print(f'ratio ours/datasette: {float(\"$r_ours\")/float(\"$r_ds\"):.1f}x')"

echo "== CSV of all facts"
csv_rate() { # name url
    # Untimed download to count records (quotes can hold line breaks: use a CSV reader),
    # then a timed one to /dev/null so disk speed is not measured.
    curl -fs "$2" -o "$work/out.csv"
    local lines t
    lines=$(python3 -c 'import csv,sys;print(sum(1 for _ in csv.reader(open(sys.argv[1],encoding="utf-8-sig")))-1)' "$work/out.csv")
    t=$(curl -fs "$2" -o /dev/null -w '%{time_total}')
    python3 -c "print(f'$1: {$lines} rows in {$t}s = {$lines/max($t,0.001):,.0f} rows/s')"
}
csv_rate "ours     " "http://127.0.0.1:$port_ours/api/v1/facts.csv?scope=all"
csv_rate "datasette" "http://127.0.0.1:$port_ds/$dbname/facts.csv?_stream=on&_size=max"
echo "server peak RSS (VmHWM) after the runs above: $(awk '/VmHWM/ {print $2, $3}' /proc/$ours/status)"
