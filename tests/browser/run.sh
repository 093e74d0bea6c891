#!/usr/bin/env bash
# Runs the browser tests (tests/browser/run.mjs, tracker.mjs, research.mjs and break_glass.mjs)
# against a fresh hub:
#   tests/browser/run.sh path/to/mash
# Creates a temporary SQLite database, migrates it, adds a referral administrator, a decision
# maker, a health practitioner, an information officer, a social worker and a hub manager, serves on a
# free loopback port, waits for /api/v1/health, runs the test, stops the server, and exits with
# the test's status. Set KEEP=1 to keep the temporary folder (database and server log).
set -uo pipefail

MASH=${1:?usage: tests/browser/run.sh path/to/mash}
MASH=$(cd "$(dirname "$MASH")" && pwd)/$(basename "$MASH")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mash-browser.XXXXXX")
DB="sqlite:$TMP/mash.db"
USERNAME=ra.test
PASSWORD="browser-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
SERVER_PID=

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

fail() { echo "browser test: $*" >&2; [[ -f "$TMP/server.log" ]] && tail -20 "$TMP/server.log" >&2; exit 1; }

[[ -x "$MASH" ]] || fail "no mash binary at $MASH"
command -v node >/dev/null || fail "node is not installed"
[[ -x "${CHROMIUM:-/usr/bin/chromium}" ]] || fail "chromium is not installed at ${CHROMIUM:-/usr/bin/chromium}"

"$MASH" migrate --db "$DB" >"$TMP/setup.log" 2>&1 || { cat "$TMP/setup.log"; fail "mash migrate failed"; }
printf '%s\n' "$PASSWORD" | "$MASH" user add --db "$DB" --username "$USERNAME" \
  --role referral_administrator --agency childrens_social_care >>"$TMP/setup.log" 2>&1 \
  || { cat "$TMP/setup.log"; fail "mash user add failed"; }
# A decision maker, who rates the contact the referral administrator records.
RATER=dm.test
printf '%s\n' "$PASSWORD" | "$MASH" user add --db "$DB" --username "$RATER" \
  --role decision_maker --agency childrens_social_care >>"$TMP/setup.log" 2>&1 \
  || { cat "$TMP/setup.log"; fail "mash user add (decision maker) failed"; }

# Research (issue 5): a health practitioner answers an information request; an information officer
# reads the answer.
for who in "hp.test agency_practitioner health" "io.test information_officer childrens_social_care"; do
  read -r name role agency <<<"$who"
  printf '%s\n' "$PASSWORD" | "$MASH" user add --db "$DB" --username "$name" \
    --role "$role" --agency "$agency" >>"$TMP/setup.log" 2>&1 \
    || { cat "$TMP/setup.log"; fail "mash user add ($role) failed"; }
done

# Break-glass (issue 5): a social worker opens a contact restricted to the decision maker; the hub
# manager, notified, reviews it and signs it off.
for who in "sw.test social_worker" "hm.test hub_manager"; do
  read -r name role <<<"$who"
  printf '%s\n' "$PASSWORD" | "$MASH" user add --db "$DB" --username "$name" \
    --role "$role" --agency childrens_social_care >>"$TMP/setup.log" 2>&1 \
    || { cat "$TMP/setup.log"; fail "mash user add ($role) failed"; }
done

# The agencies' indexes person matching learns from: a synthetic population held by health and
# education (education with nicknames and without NHS numbers), and the child the browser test
# records a contact about, as health holds her.
FAMILY="Brightwater$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n' | tr '0-9' 'g-p' | tr 'a-f' 'q-v')"
node -e '
const fs = require("fs");
const given = ["Amelia","Oliver","Isla","George","Ava","Noah","Mia","Harry","Grace","Jack","Sophie","Leo","Ruby","Arthur","Freya","Oscar","Evie","Charlie","Poppy","Alfie"];
const nick = {Oliver:"Ollie",Charlie:"Chaz",Alfie:"Alf",Harry:"Haz"};
const family = ["Smith","Jones","Taylor","Brown","Williams","Wilson","Johnson","Davies","Patel","Wright","Khan","Walker","Hughes","Edwards","Green","Hall","Wood","Harris","Clarke","Lewis","Begum","Ahmed"];
const towns = [["Blackburn","BB1"],["Blackburn","BB2"],["Darwen","BB3"],["Accrington","BB5"]];
let h = "source_id,given_name,family_name,date_of_birth,sex,address_line1,town,postcode,nhs_number\n";
let e = "source_id,given_name,family_name,date_of_birth,sex,address_line1,town,postcode\n";
let seed = 7; const r = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
for (let i = 0; i < 240; i++) {
  const g = given[r(given.length)], f = family[r(family.length)], t = towns[r(towns.length)];
  const dob = `${2006 + r(18)}-${String(1 + r(12)).padStart(2,"0")}-${String(1 + r(28)).padStart(2,"0")}`;
  const addr = `${1 + r(150)} ${["Mill Lane","Church Street","Station Road","Park View"][r(4)]}`;
  const pc = `${t[1]} ${1 + r(9)}${"ABDEFGHJLN"[r(10)]}${"PQRSTUWXYZ"[r(10)]}`;
  const sex = i % 2 ? "F" : "M";
  h += `H-${i},${g},${f},${dob},${sex},${addr},${t[0]},${pc},\n`;
  e += `E-${i},${r(4) ? g : (nick[g] || g)},${f},${dob},${sex},${addr},${t[0]},${pc}\n`;
}
h += `AVA-1,Ava,${process.argv[1]},2020-02-29,F,12 Example Road,Blackburn,BB2 1DH,9434765919\n`;
fs.writeFileSync(process.argv[2] + "/health.csv", h);
fs.writeFileSync(process.argv[2] + "/education.csv", e);
' "$FAMILY" "$TMP" || fail "cannot write the agencies' indexes"
for agency in health education; do
  "$MASH" import persons --db "$DB" --agency "$agency" "$TMP/$agency.csv" >>"$TMP/setup.log" 2>&1 \
    || { cat "$TMP/setup.log"; fail "mash import persons --agency $agency failed"; }
done

PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$MASH" serve --db "$DB" --host 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

URL="http://127.0.0.1:$PORT"
for _ in $(seq 100); do
  if node -e "fetch('$URL/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null; then
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the server stopped before it was ready"
  sleep 0.2
done
node -e "fetch('$URL/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null \
  || fail "the server did not answer $URL/api/v1/health"

cd "$ROOT"
# Each journey runs even when one before it failed; the last line counts them.
STATUS=0 PASSED=0 FAILED=0
journey() {
  if "$@"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); STATUS=1; fi
}
MASH_URL="$URL" MASH_USER="$USERNAME" MASH_PASSWORD="$PASSWORD" MASH_FAMILY="$FAMILY" \
  MASH_RATER="$RATER" MASH_RATER_PASSWORD="$PASSWORD" journey node "$HERE/run.mjs"
# The live case tracker (issue 4): a board in one context, a rating in another; a police token
# sends its contact.
TOKEN=$("$MASH" token create --db "$DB" --agency police --name "Browser test feed" 2>>"$TMP/setup.log" | tail -n 1)
MASH_URL="$URL" MASH_USER="$USERNAME" MASH_PASSWORD="$PASSWORD" MASH_TOKEN="$TOKEN" \
  MASH_RATER="$RATER" MASH_RATER_PASSWORD="$PASSWORD" journey node "$HERE/tracker.mjs"
# Multi-agency research (issue 5): the decision maker asks health; a health practitioner answers
# with one item marked and a passage withheld; an information officer reads it. The contact is
# sent with the police token and rated and decided with the decision maker's own token.
RATER_TOKEN=$("$MASH" token create --db "$DB" --user "$RATER" 2>>"$TMP/setup.log" | tail -n 1)
MASH_URL="$URL" MASH_TOKEN="$TOKEN" MASH_RATER="$RATER" MASH_RATER_PASSWORD="$PASSWORD" \
  MASH_RATER_TOKEN="$RATER_TOKEN" MASH_AGENCY_USER=hp.test MASH_AGENCY_PASSWORD="$PASSWORD" \
  MASH_OFFICER=io.test MASH_OFFICER_PASSWORD="$PASSWORD" journey node "$HERE/research.mjs"
# Break-glass (issue 5): a police contact restricted at the command line to the decision maker;
# the social worker breaks glass to read it, the hub manager signs the access off.
MASH_URL="$URL" MASH_BIN="$MASH" MASH_DB="$DB" MASH_TOKEN="$TOKEN" MASH_GRANTED="$RATER" \
  MASH_WORKER=sw.test MASH_WORKER_PASSWORD="$PASSWORD" MASH_MANAGER=hm.test \
  MASH_MANAGER_PASSWORD="$PASSWORD" journey node "$HERE/break_glass.mjs"
echo
echo "browser journeys: $PASSED passed, $FAILED failed"
if [[ $STATUS -ne 0 ]]; then
  echo "--- last lines of the server log ---" >&2
  tail -20 "$TMP/server.log" >&2
fi
exit $STATUS
