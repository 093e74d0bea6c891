#!/usr/bin/env bash
# The chronology benchmark (issue 5; not a test; `make bench`). For each database, fresh:
#   1. mash_bench_chronology seed: one child's contact in a MASH enquiry, eight agencies asked
#      and each answered with PER_AGENCY dated chronology entries about the child (some
#      health-confidential, some with a passage withheld from the reader's agency);
#   2. `mash serve` on a free loopback port;
#   3. mash_bench_chronology load: the child's chronology page as an information officer, p50/p99
#      server time from the Server-Timing header (target: 500 entries from 8 agencies in
#      <= 50 ms).
# Record the figures in bench/RESULTS.md.
#
#   bench/chronology.sh [BUILD_DIR] [sqlite|postgresql|all]
#   CHRONOLOGY_PER_AGENCY (63) CHRONOLOGY_REQUESTS (200)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
backend=${2:-all}
per_agency=${CHRONOLOGY_PER_AGENCY:-63}
requests=${CHRONOLOGY_REQUESTS:-200}

cmake --build "$build_dir" -j2 --target mash mash_bench_chronology >/dev/null
build_dir=$(cd "$build_dir" && pwd)
mash=$build_dir/mash
bench=$build_dir/bench/mash_bench_chronology

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_begin chronology-bench

rows=()
measure() {
  local name=$1 url=$2
  echo "=== $name: seeding a chronology of 8 agencies x $per_agency entries ==="
  local seeded
  seeded=$("$bench" seed --db "$url" --per-agency "$per_agency")
  local contact subject user password
  contact=$(sed -n 's/^CONTACT=//p' <<<"$seeded")
  subject=$(sed -n 's/^SUBJECT=//p' <<<"$seeded")
  user=$(sed -n 's/^USER=//p' <<<"$seeded")
  password=$(sed -n 's/^PASSWORD=//p' <<<"$seeded")
  local port
  port=$(free_port)
  "$mash" serve --db "$url" --host 127.0.0.1 --port "$port" >"$work/serve-$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 150); do
    curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  local out
  out=$("$bench" load --url "http://127.0.0.1:$port" --user "$user" --password "$password" \
    --contact "$contact" --subject "$subject" --requests "$requests")
  echo "$out"
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=
  rows+=("$(printf '| %-13s | %7s | %7s | %8s | %8s | %8s |' "$name" \
    "$(value entries "$out")" "$(value markers "$out")" \
    "$(value server_p50_ms "$out")" "$(value server_p99_ms "$out")" "$(value server_max_ms "$out")")")
}

if [[ $backend == sqlite || $backend == all ]]; then
  measure SQLite "sqlite:$work/chronology.db"
fi
if [[ $backend == postgresql || $backend == all ]]; then
  pg_start mash_chronology_bench
  measure "PostgreSQL 15" "$MASH_PG_URL"
fi

echo
echo "A child's chronology page, 8 agencies, $requests requests each, server time in ms:"
echo "| database      | entries | markers | p50 (ms) | p99 (ms) | max (ms) |"
echo "|---------------|--------:|--------:|---------:|---------:|---------:|"
printf '%s\n' "${rows[@]}"
