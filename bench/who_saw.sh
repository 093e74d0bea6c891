#!/usr/bin/env bash
# The "who saw this child's record, and why" benchmark (issue 5; not a test; `make bench`). For
# each database, fresh:
#   1. mash_bench_who_saw seed: 20 children, each on 5 contacts recorded and linked as one person
#      through the Hub, then 10,000,000 audit events written in bulk SQL, about 1,000,000 other
#      records with the children's contacts among them (about 2,000 events a child), spread
#      through the log;
#   2. mash_bench_who_saw time: Hub::subject_access_history in-process (no HTTP), each call its
#      own audited transaction, asked from a different child's contact each time: the newest 50
#      events, and a page of 200 from 800 events back, 200 runs each (p50/p99/max; target
#      <= 100 ms).
# Record the figures in bench/RESULTS.md.
#
#   bench/who_saw.sh [BUILD_DIR] [sqlite|postgresql|all]
#   WHO_SAW_EVENTS (10000000) WHO_SAW_RECORDS (1000000) WHO_SAW_RUNS (200)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build}
backend=${2:-all}
events=${WHO_SAW_EVENTS:-10000000}
records=${WHO_SAW_RECORDS:-1000000}
runs=${WHO_SAW_RUNS:-200}

cmake --build "$build_dir" -j2 --target mash_bench_who_saw >/dev/null
build_dir=$(cd "$build_dir" && pwd)
bench=$build_dir/bench/mash_bench_who_saw

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_begin who-saw-bench

rows=()
measure() {
  local name=$1 url=$2 size=$3
  echo "=== $name: seeding $events audit events ==="
  local seeded out
  seeded=$("$bench" seed --db "$url" --events "$events" --records "$records")
  echo "$seeded"
  echo "=== $name: $runs reads of each kind ==="
  out=$("$bench" time --db "$url" --runs "$runs")
  echo "$out"
  local newest deep
  newest=$(grep 'what=newest_50' <<<"$out")
  deep=$(grep 'what=page_of_200' <<<"$out")
  rows+=("$(printf '| %-13s | %11s | %8s | %8s | %8s | %8s | %8s | %8s | %9s | %8s |' "$name" \
    "$(value events "$seeded")" "$(value events_per_child "$newest")" \
    "$(value p50_ms "$newest")" "$(value p99_ms "$newest")" "$(value max_ms "$newest")" \
    "$(value p50_ms "$deep")" "$(value p99_ms "$deep")" "$(value max_ms "$deep")" \
    "$($size)")")
}

sqlite_size() { du -sh --apparent-size "$work/who-saw.db" | cut -f1; }
postgresql_size() {
  pg_psql "$MASH_PG_URL" -At -c "SELECT pg_size_pretty(pg_total_relation_size('audit_events'))"
}

if [[ $backend == sqlite || $backend == all ]]; then
  measure SQLite "sqlite:$work/who-saw.db" sqlite_size
  rm -f "$work"/who-saw.db*
fi
if [[ $backend == postgresql || $backend == all ]]; then
  pg_start mash_who_saw_bench
  # Fewer checkpoints while the 10 million rows go in; nothing the timed reads depend on.
  pg_psql "$MASH_PG_URL" -c "ALTER SYSTEM SET max_wal_size = '4GB'" -c "SELECT pg_reload_conf()" \
    >/dev/null
  measure "PostgreSQL 15" "$MASH_PG_URL" postgresql_size
fi

echo
echo "Who saw this child's record, and why: Hub::subject_access_history, $runs runs each, ms:"
echo "| database      | audit events | per child | newest 50 p50 | p99 | max | 200, 800 back p50 | p99 | max | audit_events size |"
echo "|---------------|------------:|---------:|---------:|---------:|---------:|---------:|---------:|----------:|---------:|"
printf '%s\n' "${rows[@]}"
