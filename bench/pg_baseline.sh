#!/usr/bin/env bash
# The in-house PostgreSQL baseline for person lookups (issue 3; not a test): a throwaway
# PostgreSQL 15 server (tests/pg.sh), the synthetic population and queries from the project's
# generator, then mash_bench_pg_baseline --load (schema, COPY, indexes, VACUUM ANALYZE) and the
# lookups. Prints the program's output; its last line is "RESULT engine=postgresql …".
#
#   bench/pg_baseline.sh BUILD_DIR_OR_BINARY [PEOPLE] [QUERIES]
#
# BUILD_DIR_OR_BINARY  a build folder (uses BUILD_DIR/mash and
#                      BUILD_DIR/bench/mash_bench_pg_baseline), or the mash_bench_pg_baseline
#                      binary itself (mash is then $MASH, else found beside it or in build/).
# PEOPLE, QUERIES      each either an existing CSV file (population.csv / queries.csv as
#                      `mash synth` writes them) or a count to generate (defaults 1000000 and
#                      2000), with BENCH_SEED (1) and BENCH_TODAY (2026-11-24). Generated files go
#                      to a temporary folder, removed at the end. Given files are used as they are
#                      (the queries must be of the same population).
# PG_BASELINE_ARGS     more options for the program, e.g. "--variant union --threshold 0.3".
#
# Server settings for this machine class (24 GiB, 2 cores), by ALTER SYSTEM and a restart
# (shared_buffers needs one): shared_buffers 4GB (the table and its indexes, ~0.3 GB at a million
# people, stay in memory), effective_cache_size 16GB, work_mem 64MB, maintenance_work_mem 2GB (index
# builds in memory), random_page_cost 1.1 (cached / SSD), max_wal_size 8GB (no checkpoint storm
# during the load), jit off (these are short lookups: JIT compilation would only add latency).
# fsync stays on.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${1:?usage: bench/pg_baseline.sh BUILD_DIR_OR_BINARY [PEOPLE] [QUERIES]}
people=${2:-1000000}
queries=${3:-2000}
seed=${BENCH_SEED:-1}
today=${BENCH_TODAY:-2026-11-24}

if [[ -d $target ]]; then
  build_dir=$(cd "$target" && pwd)
  bench=$build_dir/bench/mash_bench_pg_baseline
  [[ -x $bench ]] || bench=$build_dir/mash_bench_pg_baseline
  mash=${MASH:-$build_dir/mash}
elif [[ -f $target ]]; then
  bench=$(cd "$(dirname "$target")" && pwd)/$(basename "$target")
  mash=${MASH:-}
  if [[ -z $mash ]]; then
    for candidate in "$(dirname "$bench")/mash" "$(dirname "$bench")/../mash" "$root/build/mash"; do
      if [[ -x $candidate ]]; then
        mash=$candidate
        break
      fi
    done
  fi
else
  echo "pg_baseline.sh: $target is neither a build folder nor a file" >&2
  exit 2
fi
[[ -x $bench ]] || {
  echo "pg_baseline.sh: the program $bench is missing or not executable (build the target" \
    "mash_bench_pg_baseline first)" >&2
  exit 2
}

work=$(mktemp -d "${TMPDIR:-/tmp}/mash-pg-baseline.XXXXXX")
# shellcheck source=tests/pg.sh
source "$root/tests/pg.sh"
cleanup() {
  rm -rf "$work"
  pg_stop
}
trap cleanup EXIT

is_count() { [[ $1 =~ ^[0-9]+$ ]]; }

need_mash() {
  [[ -n $mash && -x $mash ]] || {
    echo "pg_baseline.sh: generating data needs the mash binary (set MASH=…); not found" >&2
    exit 2
  }
}

if is_count "$people"; then
  need_mash
  population_count=$people
  population=$work/population.csv
  echo "generating $population_count people (seed $seed, today $today) …" >&2
  "$mash" synth population --count "$population_count" --seed "$seed" --today "$today" \
    --out "$population" >&2
elif [[ -f $people ]]; then
  population=$people
  population_count=$(($(wc -l <"$population") - 1))
else
  echo "pg_baseline.sh: PEOPLE ($people) is neither a count nor a file" >&2
  exit 2
fi

if is_count "$queries"; then
  need_mash
  queries_file=$work/queries.csv
  echo "generating $queries queries of those $population_count people …" >&2
  "$mash" synth queries --count "$queries" --population "$population_count" --seed "$seed" \
    --today "$today" --out "$queries_file" >&2
elif [[ -f $queries ]]; then
  queries_file=$queries
else
  echo "pg_baseline.sh: QUERIES ($queries) is neither a count nor a file" >&2
  exit 2
fi

echo "starting a throwaway PostgreSQL 15 server …" >&2
pg_start mash_bench
pg_psql "$MASH_PG_URL" <<'SQL'
ALTER SYSTEM SET shared_buffers = '4GB';
ALTER SYSTEM SET effective_cache_size = '16GB';
ALTER SYSTEM SET work_mem = '64MB';
ALTER SYSTEM SET maintenance_work_mem = '2GB';
ALTER SYSTEM SET random_page_cost = 1.1;
ALTER SYSTEM SET max_wal_size = '8GB';
ALTER SYSTEM SET checkpoint_timeout = '30min';
ALTER SYSTEM SET jit = off;
SQL
# pg_ctl restart keeps the server's command-line options (port, socket folder, fsync on).
_pg_as_server_user "$PG_BIN/pg_ctl" -D "$MASH_PG_DIR/data" -l "$MASH_PG_DIR/server.log" -w -t 60 \
  restart >/dev/null || {
  echo "pg_baseline.sh: restarting the server with the new settings failed; its log:" >&2
  tail -n 30 "$MASH_PG_DIR/server.log" >&2 || true
  exit 1
}

# shellcheck disable=SC2086  # PG_BASELINE_ARGS is a list of options
"$bench" --url "$MASH_PG_URL" --population "$population" --queries "$queries_file" --k 10 --load \
  ${PG_BASELINE_ARGS:-}
