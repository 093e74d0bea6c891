#!/usr/bin/env bash
# The person index at scale (issue 3; a benchmark, not a test). Prints the figures; nothing fails
# on a slow number.
#
#   bench/matching_scale.sh BUILD_DIR
#
# 1. 10 million synthetic people (`mash synth population`) and 10,000 queries about them
#    (`mash synth queries`: each loses at most one of family name, date of birth and address):
#    mash_bench_index builds the index from the CSV file on 2 threads and looks every query up
#    (targets: build <= 3 min, <= 4 GiB, p99 <= 5 ms, recall@10 >= 99%).
# 2. The same 10 million with 10,000 queries of any combination of corruptions
#    (`--any-combination`), for information: many of those no matcher can place.
# 3. Side by side at 1 million people and 2,000 queries, the same files for both: mash_bench_index,
#    then the in-house PostgreSQL baseline (bench/pg_baseline.sh: pg_trgm + fuzzystrmatch with
#    their indexes on a throwaway PostgreSQL 15), and the ratio (goal: >= 50x faster at equal or
#    better recall@10).
#
# Environment: BENCH_PEOPLE (10000000), BENCH_QUERIES (10000), BENCH_SIDE_PEOPLE (1000000),
# BENCH_SIDE_QUERIES (2000), BENCH_SEED (1), BENCH_TODAY (2026-11-24), BENCH_DATA (a folder for
# the generated files, kept between runs when given; default a temporary folder, removed).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:?usage: bench/matching_scale.sh BUILD_DIR}" && pwd)
mash=$build/mash
index_bench=$build/bench/mash_bench_index
for binary in "$mash" "$index_bench" "$build/bench/mash_bench_pg_baseline"; do
  [[ -x $binary ]] || {
    echo "matching_scale: $binary is missing: run make build" >&2
    exit 1
  }
done
people=${BENCH_PEOPLE:-10000000}
queries=${BENCH_QUERIES:-10000}
side_people=${BENCH_SIDE_PEOPLE:-1000000}
side_queries=${BENCH_SIDE_QUERIES:-2000}
seed=${BENCH_SEED:-1}
today=${BENCH_TODAY:-2026-11-24}
if [[ -n ${BENCH_DATA:-} ]]; then
  data=$BENCH_DATA
  mkdir -p "$data"
else
  data=$(mktemp -d "${TMPDIR:-/tmp}/mash-matching-scale.XXXXXX")
  trap 'rm -rf "$data"' EXIT
fi

# generate KIND FILE ARGS…: `mash synth KIND` into FILE unless it is there already.
generate() {
  local kind=$1 file=$2
  shift 2
  if [[ ! -s $file ]]; then
    "$mash" synth "$kind" --seed "$seed" --today "$today" --out "$file.part" "$@" 2>/dev/null
    mv "$file.part" "$file"
  fi
}

echo "━━━ Person index: $people people, $queries identifiable queries ━━━"
generate population "$data/people-$people.csv" --count "$people"
generate queries "$data/queries-$people.csv" --population "$people" --count "$queries"
"$index_bench" --population "$data/people-$people.csv" --queries "$data/queries-$people.csv" \
  2>/dev/null | tee "$data/index.out"

echo
echo "━━━ Person index: $people people, $queries queries of any combination (for information) ━━━"
generate queries "$data/queries-any-$people.csv" --population "$people" --count "$queries" \
  --any-combination
"$index_bench" --population "$data/people-$people.csv" --queries "$data/queries-any-$people.csv" \
  2>/dev/null | grep -E '^(lookups|  latency|  recall|    |RESULT)' | tee "$data/index-any.out"

echo
echo "━━━ Side by side: $side_people people, $side_queries queries ━━━"
generate population "$data/people-$side_people.csv" --count "$side_people"
generate queries "$data/queries-side-$side_people.csv" --population "$side_people" \
  --count "$side_queries"
"$index_bench" --population "$data/people-$side_people.csv" \
  --queries "$data/queries-side-$side_people.csv" 2>/dev/null | tee "$data/side-mash.out"
echo
"$root/bench/pg_baseline.sh" "$build" "$data/people-$side_people.csv" \
  "$data/queries-side-$side_people.csv" | tee "$data/side-pg.out"

field() { grep '^RESULT' "$1" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$2=//p"; }
echo
echo "━━━ Summary ━━━"
printf '%-34s %10s %10s %10s %12s %10s\n' "" "p50 ms" "p95 ms" "p99 ms" "recall@10" "recall@1"
for run in index:"mash, $people people" index-any:"mash, $people, any combination" \
  side-mash:"mash, $side_people people" side-pg:"PostgreSQL, $side_people people"; do
  file=$data/${run%%:*}.out
  printf '%-34s %10s %10s %10s %12s %10s\n' "${run#*:}" "$(field "$file" p50_ms)" \
    "$(field "$file" p95_ms)" "$(field "$file" p99_ms)" "$(field "$file" recall_at_10)" \
    "$(field "$file" recall_at_1)"
done
awk -v m50="$(field "$data/side-mash.out" p50_ms)" -v p50="$(field "$data/side-pg.out" p50_ms)" \
  -v m99="$(field "$data/side-mash.out" p99_ms)" -v p99="$(field "$data/side-pg.out" p99_ms)" \
  'BEGIN { printf "ratio at %s people: p50 %.0fx, p99 %.0fx faster (goal: >= 50x)\n", "'"$side_people"'", p50 / m50, p99 / m99 }'
echo "build at $people: $(field "$data/index.out" build_s) s (target <= 180); peak memory" \
  "$(field "$data/index.out" peak_gib) GiB (target <= 4)"
