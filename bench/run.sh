#!/usr/bin/env bash
# The intake benchmark (not a test; `make bench`). For each database, fresh and on this machine:
#   1. the ceiling: the raw durable single-row insert rate of the database itself
#      (mash_bench_intake ceiling), then
#   2. the load: `mash serve` on a free loopback port, and N clients posting synthetic contacts
#      to /api/v1/contacts with an agency token (mash_bench_intake load).
# Then a table of both, side by side. Record it in bench/RESULTS.md.
#
#   bench/run.sh [BUILD_DIR] [sqlite|postgresql|all]
#   BENCH_SECONDS (20) BENCH_CEILING_SECONDS (10) BENCH_THREADS (8) BENCH_SEED (1)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
backend=${2:-all}
seconds=${BENCH_SECONDS:-20}
ceiling_seconds=${BENCH_CEILING_SECONDS:-10}
threads=${BENCH_THREADS:-8}
seed=${BENCH_SEED:-1}

cmake --build "$build_dir" -j2 --target mash mash_bench_intake >/dev/null
build_dir=$(cd "$build_dir" && pwd)
mash=$build_dir/mash
bench=$build_dir/bench/mash_bench_intake

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_begin bench

rows=()
measure() {
  local name=$1 url=$2
  echo "=== $name ==="
  local out ceiling
  out=$("$bench" ceiling --db "$url" --seconds "$ceiling_seconds")
  echo "$out"
  ceiling=$(grep '^RESULT' <<<"$out")

  "$mash" migrate --db "$url" >"$work/setup.log" 2>&1
  local token
  token=$("$mash" token create --db "$url" --agency police --name "Bench feed" 2>>"$work/setup.log" | tail -n 1)
  local port
  port=$(free_port)
  "$mash" serve --db "$url" --port "$port" >"$work/serve-$name.log" 2>&1 &
  server_pid=$!
  local i
  for i in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2>/dev/null && break
    sleep 0.1
  done
  local load rc=0
  out=$("$bench" load --url "http://127.0.0.1:$port" --token "$token" --threads "$threads" \
    --seconds "$seconds" --seed "$seed") || rc=$?
  echo "$out"
  load=$(grep '^RESULT' <<<"$out" || true)
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=
  ((rc == 0)) || echo "bench: the load run on $name had refused or failed requests (see above)" >&2

  local c_rate l_rate
  c_rate=$(value rate "$ceiling")
  l_rate=$(value rate "$load")
  rows+=("$(printf '| %-13s | %9.0f | %10.0f | %9.0f%% | %6s | %6s | %6s | %7s |' "$name" \
    "$c_rate" "$l_rate" "$(awk -v l="$l_rate" -v c="$c_rate" 'BEGIN { print (c > 0 ? 100 * l / c : 0) }')" \
    "$(value p50 "$load")" "$(value p95 "$load")" "$(value p99 "$load")" "$(value refused "$load")")")
}

if [[ $backend == sqlite || $backend == all ]]; then
  measure SQLite "sqlite:$work/bench.db"
fi
if [[ $backend == postgresql || $backend == all ]]; then
  pg_start mash_bench
  measure "PostgreSQL 15" "$MASH_PG_URL"
  pg_stop
fi

echo
echo "Intake benchmark: $(nproc) cores, $threads clients, ${seconds} s load, ${ceiling_seconds} s ceiling, seed $seed, $(date -u +%Y-%m-%d)"
echo
echo "| database      | ceiling/s | accepted/s | of ceiling | p50 ms | p95 ms | p99 ms | refused |"
echo "|---------------|----------:|-----------:|-----------:|-------:|-------:|-------:|--------:|"
for r in "${rows[@]}"; do echo "$r"; done
