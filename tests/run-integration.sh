#!/usr/bin/env bash
# Runs the integration tests (a real `mash serve` over HTTP on loopback) against a fresh database
# of each backend: an embedded SQLite file, and a throwaway PostgreSQL 15 server (tests/pg.sh).
# On PostgreSQL it also runs the hub tests (BUILD_DIR/tests/mash_hub_tests: the use cases of app/
# over a real database), which ctest already runs on SQLite.
#
#   tests/run-integration.sh BUILD_DIR [sqlite|postgresql|all]     (default: all)
#
# Extra arguments after the backend go to the test binary (e.g. --gtest_filter=Api*).
# Exits non-zero if any run failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir=${1:?usage: tests/run-integration.sh BUILD_DIR [sqlite|postgresql|all]}
backend=${2:-all}
shift $(($# >= 2 ? 2 : 1))
build_dir=$(cd "$build_dir" && pwd)
tests=$build_dir/tests/mash_integration_tests

if [[ ! -x $tests ]]; then
  echo "run-integration: $tests not found; build first (make build)" >&2
  exit 1
fi
case $backend in sqlite | postgresql | all) ;; *)
  echo "run-integration: unknown backend '$backend' (sqlite, postgresql or all)" >&2
  exit 2
  ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/mash-it.XXXXXX")
# shellcheck source=tests/pg.sh
source "$here/pg.sh"
trap 'rm -rf "$work"; pg_stop' EXIT

failed=()
run() {
  local what=$1 binary=$2 name=$3 url=$4
  shift 4
  echo "=== $what on $name ==="
  if MASH_TEST_DB=$url "$binary" --gtest_color=no "$@"; then
    echo "=== $what on $name: passed ==="
  else
    echo "=== $what on $name: FAILED ==="
    failed+=("$what on $name")
  fi
}

if [[ $backend == sqlite || $backend == all ]]; then
  run "integration tests" "$tests" SQLite "sqlite:$work/integration.db" "$@"
fi
if [[ $backend == postgresql || $backend == all ]]; then
  pg_start mash_integration
  run "integration tests" "$tests" "PostgreSQL 15" "$MASH_PG_URL" "$@"
  if [[ -x $build_dir/tests/mash_hub_tests && $# -eq 0 ]]; then
    # The matching tests learn a model from their database: they get one of their own.
    MASH_TEST_DB_MATCHING=$(pg_new_db mash_matching)
    export MASH_TEST_DB_MATCHING
    run "hub tests" "$build_dir/tests/mash_hub_tests" "PostgreSQL 15" "$(pg_new_db mash_hub)"
    unset MASH_TEST_DB_MATCHING
  fi
  pg_stop
fi

if ((${#failed[@]})); then
  printf 'run-integration: FAILED: %s\n' "${failed[@]}"
  exit 1
fi
