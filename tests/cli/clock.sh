#!/usr/bin/env bash
# `mash clock due` and `mash config check` as a hub manager runs them: the due time printed for
# the issue's cases, and clear errors (exit status 2, nothing on standard output) for bad input.
#   tests/cli/clock.sh MASH_BINARY
set -uo pipefail
mash=${1:?usage: tests/cli/clock.sh MASH_BINARY}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mash-clock.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/cli/expect.sh
source "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

expect "Amber on Christmas Eve 2026 is due on Tuesday 29 December" 0 \
  '^2026-12-29T16:00:00\+00:00$' '^$' -- clock due --rating amber --received 2026-12-24T16:00:00+00:00
expect "Red on a Friday afternoon runs past closing" 0 '^2026-11-20T19:30:00\+00:00$' '^$' -- \
  clock due --rating RED --received 2026-11-20T15:30:00Z
expect "Green across the change to summer time is shown in summer time" 0 \
  '^2026-04-01T10:00:00\+01:00$' '' -- clock due --rating green --received 2026-03-27T10:00:00Z
expect "the documented configuration gives the same" 0 '^2026-12-29T16:00:00\+00:00$' '' -- \
  clock due --rating amber --received 2026-12-24T16:00:00+00:00 --config "$here/../../docs/hub-config.toml"

expect "a child and family assessment is due 45 working days on, past Christmas and New Year" 0 \
  '^2027-02-05T10:00:00\+00:00$' '^$' -- clock due --statutory assessment --received 2026-12-01T10:00:00Z
expect "an initial conference is due 15 working days after the strategy discussion, across October's change" 0 \
  '^2026-11-09T14:00:00\+00:00$' '^$' -- clock due --statutory initial_conference --received 2026-10-19T14:00:00+01:00
expect "a referral received on a Saturday is decided by the end of Monday" 0 \
  '^2026-11-23T17:00:00\+00:00$' '^$' -- clock due --statutory referral_decision --received 2026-11-21T11:00:00Z
expect "an unknown statutory clock is named with the ones there are" 2 '^$' \
  'no statutory clock "review"; the clocks are referral_decision, assessment and initial_conference' -- \
  clock due --statutory review --received 2026-11-21T11:00:00Z
expect "a clock must be named" 2 '^$' 'say which clock' -- clock due --received 2026-11-21T11:00:00Z

cat >"$work/closed-christmas-eve.toml" <<'TOML'
[closures]
dates = ["2026-12-24"]
TOML
expect "a local closure moves the clock: opening on Tuesday 29, due at its close" 0 '^2026-12-29T17:00:00\+00:00$' '' -- \
  clock due --rating amber --received 2026-12-24T08:00:00+00:00 --config "$work/closed-christmas-eve.toml"

expect "an unknown rating names the ratings there are" 2 '^$' 'no rating "purple"; the ratings are red, amber, green, blue' -- \
  clock due --rating purple --received 2026-11-20T15:30:00Z
expect "a time without an offset is refused" 2 '^$' 'is not a time with its offset' -- \
  clock due --rating red --received 2026-11-20T15:30:00
cat >"$work/bad.toml" <<'TOML'
[[ratings]]
code = "red"
name = "Red"
timescale = "4 hrs"
TOML
expect "a bad configuration is refused with its line" 2 '^$' 'bad.toml line 4: "4 hrs" is not a timescale' -- \
  clock due --rating red --received 2026-11-20T15:30:00Z --config "$work/bad.toml"
expect "config check summarises a valid file" 0 'the hub configuration is valid.*amber \(Amber\): decision within 1 working day' '^$' -- \
  config check "$here/../../docs/hub-config.toml"
expect "config check lists the problems" 2 '^$' 'has 1 problem; the hub has not started' -- \
  config check "$work/bad.toml"
expect "config check names a file it cannot read" 2 '^$' 'cannot read' -- config check "$work/missing.toml"

expect "serve refuses to start on a bad configuration" 2 '^$' 'has 1 problem; the hub has not started' -- \
  serve --db "sqlite:$work/never.db" --port 1 --config "$work/bad.toml"
if [[ -e $work/never.db ]]; then
  failed=$((failed + 1))
  echo "FAILED: serve created its database before refusing the configuration"
fi

echo "$passed passed, $failed failed"
((failed == 0))
