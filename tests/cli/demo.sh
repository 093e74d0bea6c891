#!/usr/bin/env bash
# `mash demo` as a newcomer runs it (make demo): it seeds an empty database, serves, answers
# /api/v1/health, and its screening looks like a working hub's — most older contacts decided in
# good time, a live board of the last week's, no missed due times among contacts older than a
# week — and a second start leaves the data alone.
#   tests/cli/demo.sh MASH_BINARY
set -uo pipefail
mash=${1:?usage: tests/cli/demo.sh MASH_BINARY}
work=$(mktemp -d "${TMPDIR:-/tmp}/mash-demo.XXXXXX")
pid=
cleanup() {
  [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0
check() {  # check NAME CONDITION-RESULT(0/1) DETAIL
  if [[ $2 -eq 0 ]]; then passed=$((passed + 1)); echo "ok: $1"; else
    failed=$((failed + 1)); echo "FAILED: $1 ($3)"; fi
}
# A free loopback port: one nothing answers on, from the range above the usual services.
port=
for _ in $(seq 50); do
  candidate=$((20000 + RANDOM % 20000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n $port ]] || { echo "FAILED: no free port"; exit 1; }
db="$work/demo.db"

start() {
  "$mash" demo --db "sqlite:$db" --port "$port" --contacts 200 --clock-watch 1 >"$work/out.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
stop() { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=; }
q() { sqlite3 "$db" "$1"; }

start; check "the demo starts and answers /api/v1/health" $? "$(tail -5 "$work/out.log")"
grep -q "Seeded 200 synthetic contacts" "$work/out.log"
check "it says what it seeded" $? "$(head -5 "$work/out.log")"
sleep 2  # a turn of the clock watch
stop
week_ago=$(($(date +%s) - 7 * 86400))
decided=$(q "SELECT COUNT(*) FROM contacts WHERE status = 'decided'")
open=$(q "SELECT COUNT(*) FROM contacts WHERE status IN ('new', 'screening', 'enquiry')")
[[ $decided -ge 150 ]]; check "most contacts are decided ($decided of 200)" $? "$decided"
[[ $open -ge 1 && $open -le 40 ]]; check "a live board of the last week's ($open open)" $? "$open"
old_open=$(q "SELECT COUNT(*) FROM contacts WHERE status <> 'decided' AND received_epoch < $week_ago")
[[ $old_open -eq 0 ]]; check "every contact older than a week is decided" $? "$old_open open"
old_breaches=$(q "SELECT COUNT(*) FROM clock_breaches b JOIN contacts c ON c.id = b.contact_id WHERE c.received_epoch < $week_ago")
[[ $old_breaches -eq 0 ]]; check "no missed due times among older contacts" $? "$old_breaches"
late=$(q "SELECT COUNT(*) FROM contacts c JOIN contact_ratings r ON r.contact_id = c.id WHERE (SELECT MIN(d.decided_epoch) FROM contact_decisions d WHERE d.contact_id = c.id AND d.route <> 'mash_enquiry') > r.due_epoch AND r.id = (SELECT MAX(id) FROM contact_ratings WHERE contact_id = c.id)")
[[ $late -eq 0 ]]; check "every decided clock was met in time" $? "$late late"
# Research: the enquiries of the last week asked agencies on a recorded basis, some answered.
asked=$(q "SELECT COUNT(*) FROM information_requests")
unbased=$(q "SELECT COUNT(*) FROM information_requests r WHERE NOT EXISTS (SELECT 1 FROM enquiry_bases b WHERE b.contact_id = r.contact_id)")
answered=$(q "SELECT COUNT(*) FROM information_requests WHERE status = 'answered'")
[[ $asked -ge 1 && $unbased -eq 0 ]]; check "enquiries asked agencies, each on a recorded basis ($asked requests)" $? "$asked asked, $unbased without a basis"
[[ $answered -ge 1 ]]; check "some agencies have answered ($answered)" $? "$answered"
marked=$(q "SELECT COUNT(*) FROM response_items WHERE sensitivity <> 'none'")
[[ $marked -ge 1 ]]; check "answers carry sensitivity marks ($marked items)" $? "$marked"
restricted=$(q "SELECT COUNT(*) FROM contacts WHERE restricted = 1")
granted=$(q "SELECT COUNT(*) FROM contact_grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'dm.demo'")
[[ $restricted -eq 1 && $granted -eq 1 ]]; check "one contact is restricted to dm.demo, for break-glass" $? "$restricted restricted, $granted granted"
grep -q "restricted to dm.demo" "$work/out.log"; check "and the demo says so" $? "$(tail -8 "$work/out.log")"
"$mash" audit verify --db "sqlite:$db" >"$work/verify.log" 2>&1
check "the audit chain verifies" $? "$(cat "$work/verify.log")"

contacts_before=$(q "SELECT COUNT(*) FROM contacts")
start; check "a second start serves the same database" $? "$(tail -5 "$work/out.log")"
stop
grep -q "demo data not added" "$work/out.log"
check "and adds nothing" $? "$(head -3 "$work/out.log")"
[[ $(q "SELECT COUNT(*) FROM contacts") -eq $contacts_before ]]
check "the contacts are as they were" $? ""

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
