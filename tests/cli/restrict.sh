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
# shellcheck source=tests/cli/expect.sh
source "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

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
