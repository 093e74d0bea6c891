#!/usr/bin/env bash
# The e-mail commands as an administrator runs them: `mash user add --email`, `mash user email`,
# `mash mail status` and `mash mail send`, and `mash serve`'s e-mail options. Bad input gets a
# clear error (exit status 2, nothing on standard output) and changes nothing. (Sending through a
# real SMTP conversation is tried by tests/hub/test_mail.cpp.)
#   tests/cli/mail.sh MASH_BINARY
set -uo pipefail
mash=${1:?usage: tests/cli/mail.sh MASH_BINARY}
work=$(mktemp -d "${TMPDIR:-/tmp}/mash-mail.XXXXXX")
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/hub.db"
expect_input="correct horse battery staple"
# shellcheck source=tests/cli/expect.sh
source "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
# The addresses stored, one "username|email" per line.
addresses() { sqlite3 "$work/hub.db" "SELECT username || '|' || email FROM users ORDER BY username"; }

"$mash" migrate --db "$db" >/dev/null 2>&1 || {
  echo "FAILED: mash migrate"
  exit 1
}

expect "a user is added with an address" 0 'Added user hm.one .*with an e-mail address' '' -- \
  user add --db "$db" --username hm.one --role hub_manager --agency childrens_social_care \
  --email hm.one@example.gov.uk
expect "a bad address adds no user" 2 '^$' 'enter an e-mail address like name@example.gov.uk' -- \
  user add --db "$db" --username hm.two --role hub_manager --agency childrens_social_care \
  --email "not an address"
expect "a user is added without one" 0 'Added user sw.one \(Social worker, childrens_social_care\)\.$' '' -- \
  user add --db "$db" --username sw.one --role social_worker --agency childrens_social_care
expect "an address is set" 0 'Set the e-mail address of sw.one' '' -- \
  user email --db "$db" --username sw.one --address sw.one@example.gov.uk
expect "an unknown user is named" 2 '^$' 'There is no user called nobody' -- \
  user email --db "$db" --username nobody --address a@example.gov.uk
expect "a bad address is refused" 2 '^$' 'email: Enter an e-mail address like name@example.gov.uk' -- \
  user email --db "$db" --username sw.one --address "sw.one@example.gov.uk>"
expect "an address or --remove is needed" 2 '^$' 'Give --address ADDRESS, or --remove' -- \
  user email --db "$db" --username sw.one
expect "not both" usage '^$' 'excludes' -- \
  user email --db "$db" --username sw.one --address a@example.gov.uk --remove
if [[ $(addresses) == $'hm.one|hm.one@example.gov.uk\nsw.one|sw.one@example.gov.uk' ]]; then
  passed=$((passed + 1))
  echo "ok: the refused commands changed nothing"
else
  failed=$((failed + 1))
  echo "FAILED: addresses stored: $(addresses)"
fi
expect "an address is removed" 0 'Removed the e-mail address of sw.one' '' -- \
  user email --db "$db" --username sw.one --remove

expect "no e-mails yet" 0 'No e-mails yet' '' -- mail status --db "$db"
expect "send needs a relay" 2 '^$' 'Give the mail relay.s host name with --smtp-host' -- \
  mail send --db "$db" --mail-from mash@example.gov.uk
expect "send needs a sender" 2 '^$' 'Give the address the e-mails come from' -- \
  mail send --db "$db" --smtp-host 127.0.0.1
expect "send with nothing due" 0 'E-mails: 0 sent, 0 to try again, 0 failed, 0 expired, 0 cancelled' '' -- \
  mail send --db "$db" --smtp-host 127.0.0.1 --smtp-port 9 --mail-from mash@example.gov.uk
# An e-mail due (as a notification to hm.one would queue it) and no relay listening: exit 1,
# the relay named, the e-mail still waiting with no try counted.
sqlite3 "$work/hub.db" "INSERT INTO mail_outbox (recipient, state, queued_epoch, attempts, \
  next_attempt_epoch) VALUES ('hm.one', 'queued', strftime('%s', 'now'), 0, 0)"
expect "no relay: the e-mail waits" 1 'E-mails: 0 sent' 'could not be reached \(connect: cannot connect' -- \
  mail send --db "$db" --smtp-host 127.0.0.1 --smtp-port 9 --mail-from mash@example.gov.uk
expect "it waits, untried" 0 '^queued: 1$' '' -- mail status --db "$db"
if [[ $(sqlite3 "$work/hub.db" "SELECT attempts FROM mail_outbox") == 0 ]]; then
  passed=$((passed + 1))
  echo "ok: no try is counted against the e-mail"
else
  failed=$((failed + 1))
  echo "FAILED: attempts counted: $(sqlite3 "$work/hub.db" "SELECT attempts FROM mail_outbox")"
fi
expect "serve refuses a sender without a relay" 2 '^$' 'need --smtp-host: without a mail relay' -- \
  serve --db "$db" --port 1 --mail-from mash@example.gov.uk
expect "serve refuses a bad link" 2 '^$' 'must start http:// or https://' -- \
  serve --db "$db" --port 1 --smtp-host 127.0.0.1 --mail-from mash@example.gov.uk \
  --mail-link mash.example.gov.uk

echo "$passed passed, $failed failed"
((failed == 0))
