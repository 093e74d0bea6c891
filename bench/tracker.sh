#!/usr/bin/env bash
# The case tracker benchmark (issue 4; not a test; `make bench`). For each database, fresh:
#   1. mash_bench_tracker seed: 10,000 open synthetic contacts through the Hub (4 in 5 rated, a
#      third with a worker, a tenth linked to a health record), a decision maker and their token;
#   2. `mash serve` on a free loopback port (default threads: 16 for pages + 128 for boards);
#   3. mash_bench_tracker load: the board's page, wall mode and JSON (p50/p99 server time from
#      the Server-Timing header; target p99 <= 50 ms), then 100 live boards and 20 rating
#      changes, each timed from its POST to its row's arrival at every board (target <= 1 s).
# Record the figures in bench/RESULTS.md.
#
#   bench/tracker.sh [BUILD_DIR] [sqlite|postgresql|all]
#   TRACKER_CONTACTS (10000) TRACKER_REQUESTS (200) TRACKER_BOARDS (100) TRACKER_CHANGES (20)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
backend=${2:-all}
contacts=${TRACKER_CONTACTS:-10000}
requests=${TRACKER_REQUESTS:-200}
boards=${TRACKER_BOARDS:-100}
changes=${TRACKER_CHANGES:-20}

cmake --build "$build_dir" -j2 --target mash mash_bench_tracker >/dev/null
build_dir=$(cd "$build_dir" && pwd)
mash=$build_dir/mash
bench=$build_dir/bench/mash_bench_tracker

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_begin tracker-bench

rows=()
measure() {
  local name=$1 url=$2
  echo "=== $name: seeding $contacts open contacts ==="
  local seeded
  seeded=$("$bench" seed --db "$url" --contacts "$contacts")
  local user password token
  user=$(sed -n 's/^USER=//p' <<<"$seeded")
  password=$(sed -n 's/^PASSWORD=//p' <<<"$seeded")
  token=$(sed -n 's/^TOKEN=//p' <<<"$seeded")

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
    --token "$token" --requests "$requests" --boards "$boards" --changes "$changes")
  echo "$out"
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=

  local page wall json board
  page=$(grep 'what=page' <<<"$out")
  wall=$(grep 'what=wall' <<<"$out")
  json=$(grep 'what=json' <<<"$out")
  board=$(grep 'what=boards' <<<"$out")
  rows+=("$(printf '| %-13s | %8s | %8s | %8s | %8s | %8s | %8s | %9s | %9s | %9s | %6s |' "$name" \
    "$(value server_p50_ms "$page")" "$(value server_p99_ms "$page")" \
    "$(value server_p99_ms "$wall")" \
    "$(value server_p50_ms "$json")" "$(value server_p99_ms "$json")" \
    "$(value client_p99_ms "$page")" \
    "$(value p50_ms "$board")" "$(value p99_ms "$board")" "$(value max_ms "$board")" \
    "$(value missed "$board")")")
}

if [[ $backend == sqlite || $backend == all ]]; then
  measure SQLite "sqlite:$work/tracker.db"
fi
if [[ $backend == postgresql || $backend == all ]]; then
  pg_start mash_tracker_bench
  measure "PostgreSQL 15" "$MASH_PG_URL"
fi

echo
echo "Case tracker, $contacts open contacts ($requests requests each; $boards boards, $changes changes), ms:"
echo "| database      | page p50 | page p99 | wall p99 | JSON p50 | JSON p99 | page p99 client | board p50 | board p99 | board max | missed |"
echo "|---------------|---------:|---------:|---------:|---------:|---------:|---------:|----------:|----------:|----------:|-------:|"
printf '%s\n' "${rows[@]}"
