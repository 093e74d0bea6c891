#!/usr/bin/env bash
# `mash contact restrict` as an administrator runs it: clear errors (exit status 2, nothing on
# standard output) for a contact or a user the hub does not know, or no reason, and nothing
# changed. (Restricting a real contact is tried by the access matrix, tests/integration, and the
# use case by tests/hub/test_restricted.cpp.)
#   tests/cli/restrict.sh MASH_BINARY
set -uo pipefail
mash=${1:?usage: tests/cli/restrict.sh MASH_BINARY}
work=$(mktemp -d "${TMPDIR:-/tmp}/mash-restrict.XXXXXX")
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/hub.db"
passed=0 failed=0

# expect NAME STATUS STDOUT_PATTERN STDERR_PATTERN -- ARGS…  (STATUS "usage": CLI11's own non-zero
# status for a command line it cannot parse)
expect() {
  local name=$1 status=$2 out_pattern=$3 err_pattern=$4
  shift 5
  local out err rc=0
  out=$("$mash" "$@" 2>"$work/err") || rc=$?
  err=$(<"$work/err")
  local status_ok=0
  if [[ $status == usage ]]; then ((rc != 0)) && status_ok=1; else ((rc == status)) && status_ok=1; fi
  if [[ $status_ok == 1 && $out =~ $out_pattern && $err =~ $err_pattern ]]; then
    passed=$((passed + 1))
    echo "ok: $name"
  else
    failed=$((failed + 1))
    echo "FAILED: $name (exit $rc; stdout: $out; stderr: $err)"
  fi
}

"$mash" migrate --db "$db" >/dev/null 2>&1 || {
  echo "FAILED: mash migrate"
  exit 1
}
echo "correct horse battery staple" |
  "$mash" user add --db "$db" --username hm.one --role hub_manager --agency childrens_social_care \
    >/dev/null 2>&1 || {
  echo "FAILED: mash user add"
  exit 1
}

expect "an unknown contact is named" 2 '^$' 'There is no contact 42' -- \
  contact restrict 42 --db "$db" --grant hm.one --reason "A hub employee's niece"
expect "a reason is required" usage '^$' '--reason is required' -- \
  contact restrict 42 --db "$db" --grant hm.one
expect "the contact's id is a positive number" usage '^$' 'ID: Value 0 not in range 1 to' -- \
  contact restrict 0 --db "$db" --reason "A hub employee's niece"

echo "$passed passed, $failed failed"
((failed == 0))
