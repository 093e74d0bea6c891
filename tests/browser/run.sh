#!/usr/bin/env bash
# Runs the browser test (tests/browser/run.mjs) against a fresh hub:
#   tests/browser/run.sh path/to/mash
# Creates a temporary SQLite database, migrates it, adds a referral administrator, serves on a
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
MASH_URL="$URL" MASH_USER="$USERNAME" MASH_PASSWORD="$PASSWORD" node "$HERE/run.mjs"
STATUS=$?
if [[ $STATUS -ne 0 ]]; then
  echo "--- last lines of the server log ---" >&2
  tail -20 "$TMP/server.log" >&2
fi
exit $STATUS
