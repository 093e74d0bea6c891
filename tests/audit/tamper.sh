#!/usr/bin/env bash
# The audit log is tamper-evident: changing, deleting or inserting a row of audit_events directly
# in the database must make `mash audit verify` fail and name the event where the chain breaks.
#
#   tests/audit/tamper.sh BUILD_DIR [sqlite|postgresql|all]     (default: all)
#
# For each backend: a fresh database, `mash migrate`, a user and an agency token from the CLI and
# a few contacts posted through `mash serve` over loopback, so that there are at least 5 audit
# events; `mash audit verify` must pass. Then, each on a fresh copy of that database, as someone
# with direct access to the database would (dropping any trigger that guards the table first):
#   1. UPDATE the purpose of a middle event       -> verify fails naming that event
#   2. DELETE a middle event                      -> verify fails naming it or the one after it
#   3. INSERT a forged event after the last one   -> verify fails naming the forged event
#   4. UPDATE the stored hash of a middle event    -> verify fails naming that event or the next
#   5. DELETE the last event (truncating the log) -> verify fails naming the missing event
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir=$(cd "${1:?usage: tests/audit/tamper.sh BUILD_DIR [sqlite|postgresql|all]}" && pwd)
backend=${2:-all}
mash=$build_dir/mash
[[ -x $mash ]] || {
  echo "tamper: $mash not found; build first (make build)" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/mash-tamper.XXXXXX")
server_pid=
# shellcheck source=tests/pg.sh
source "$here/../pg.sh"
cleanup() {
  if [[ -n $server_pid ]]; then kill -TERM "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  pg_stop
}
trap cleanup EXIT

passed=0
failed=0
pass() {
  echo "  ok: $*"
  passed=$((passed + 1))
}
fail() {
  echo "  FAILED: $*"
  failed=$((failed + 1))
}

free_port() {
  local port
  while :; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  echo "$port"
}

# --- per-backend database operations -----------------------------------------------------------
# db_sql URL SQL: run SQL; db_value URL SQL: print one value; db_copy URL NAME: print a copy's URL.
db_sql() {
  case $1 in
  sqlite:*) sqlite3 -bail "${1#sqlite:}" "$2" ;;
  *) pg_psql "$1" -c "$2" >/dev/null ;;
  esac
}
db_value() {
  case $1 in
  sqlite:*) sqlite3 "${1#sqlite:}" "$2" ;;
  *) pg_psql "$1" -tA -c "$2" ;;
  esac
}
db_copy() {
  case $1 in
  sqlite:*)
    local src=${1#sqlite:} dst=$work/$2.db
    sqlite3 "$src" ".backup '$dst'"
    echo "sqlite:$dst"
    ;;
  *)
    local base=${1##*/}
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$MASH_PG_PORT" -U postgres -T "$base" "$2"
    echo "postgresql://postgres@127.0.0.1:$MASH_PG_PORT/$2"
    ;;
  esac
}
# An attacker with direct access can remove whatever trigger guards the table; do so first.
db_unguard() {
  case $1 in
  sqlite:*)
    local t
    for t in $(db_value "$1" "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_events'"); do
      db_sql "$1" "DROP TRIGGER \"$t\""
    done
    ;;
  *) db_sql "$1" "ALTER TABLE audit_events DISABLE TRIGGER USER" ;;
  esac
}

# --- a database with some history ---------------------------------------------------------------
contact_json() {
  local ref=$1 received
  received=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%S+00:00)
  cat <<EOF
{"external_ref": "$ref", "received_at": "$received", "source": "6",
 "referrer": {"name": "PC 4127 Jones", "organisation": "Lancashire Constabulary",
              "role": "Officer in the case", "phone": "01254 000000", "email": "oic@example.police.uk"},
 "subjects": [{"given_name": "Matt", "family_name": "Example", "date_of_birth": "2025-10-01",
               "sex": "male", "role": "child",
               "address": {"line1": "1 Example Street", "town": "Blackburn", "postcode": "BB2 1DH"},
               "nhs_number": "9434765919"}],
 "presenting_issues": ["domestic_abuse"],
 "narrative": "Synthetic test contact for the audit tamper test.",
 "consent": {"status": "not_sought", "reason": "Seeking consent would place the child at risk"}}
EOF
}

make_history() {
  local url=$1 log=$work/setup.log
  # Called in an `||` list, where set -e does not apply: every step checks itself.
  "$mash" migrate --db "$url" >>"$log" 2>&1 || {
    echo "tamper: mash migrate failed; its output:" >&2
    tail -n 20 "$log" >&2
    return 1
  }
  printf 'correct horse battery staple\n' |
    "$mash" user add --db "$url" --username ra.tamper --role referral_administrator \
      --agency childrens_social_care --name "Tamper Test" >>"$log" 2>&1 || {
    echo "tamper: mash user add failed; its output:" >&2
    tail -n 20 "$log" >&2
    return 1
  }
  local token
  token=$("$mash" token create --db "$url" --agency police --name "Tamper test feed" 2>>"$log" | tail -n 1)
  [[ -n $token ]] || {
    echo "tamper: mash token create printed no token" >&2
    return 1
  }

  local port
  port=$(free_port)
  "$mash" serve --db "$url" --port "$port" >>"$work/serve.log" 2>&1 &
  server_pid=$!
  local i
  for i in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || {
      echo "tamper: mash serve exited early; its log:" >&2
      tail -n 20 "$work/serve.log" >&2
      return 1
    }
    sleep 0.1
  done
  for i in 1 2 3 4; do
    local status
    status=$(contact_json "TAMPER-$i" | curl -sS -o /dev/null -w '%{http_code}' \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      --data-binary @- "http://127.0.0.1:$port/api/v1/contacts") || return 1
    [[ $status == 201 ]] || {
      echo "tamper: POST /api/v1/contacts answered $status, expected 201" >&2
      return 1
    }
  done
  kill -TERM "$server_pid" || return 1
  wait "$server_pid" || {
    echo "tamper: mash serve did not exit cleanly on SIGTERM" >&2
    return 1
  }
  server_pid=
}

# verify_fails URL WHAT SEQ...: `mash audit verify` must exit non-zero and name one of SEQs.
verify_fails() {
  local url=$1 what=$2 out rc=0
  shift 2
  out=$("$mash" audit verify --db "$url" 2>&1) || rc=$?
  if ((rc == 0)); then
    fail "$what: audit verify exited 0 (output: $out)"
    return
  fi
  local seq
  for seq in "$@"; do
    if grep -Eq "event $seq([^0-9]|$)" <<<"$out"; then
      pass "$what: audit verify exited $rc and named event $seq"
      return
    fi
  done
  fail "$what: audit verify exited $rc but named none of event(s) $*; output: $out"
}

check_backend() {
  local name=$1 url=$2
  echo "=== audit tamper test on $name ==="
  make_history "$url" || {
    fail "$name: could not build a database with history (see above)"
    return
  }

  local n out rc=0
  n=$(db_value "$url" "SELECT count(*) FROM audit_events")
  if ((n >= 5)); then pass "$name: $n audit events recorded"; else fail "$name: only $n audit events (need 5)"; fi
  out=$("$mash" audit verify --db "$url" 2>&1) || rc=$?
  if ((rc == 0)) && grep -q "Audit chain verified: $n events" <<<"$out"; then
    pass "$name: untouched chain verifies ($out)"
  else
    fail "$name: untouched chain: exit $rc, output: $out"
  fi
  ((n >= 3)) || return

  local mid=$(((n + 1) / 2)) copy
  copy=$(db_copy "$url" tamper_update)
  db_unguard "$copy"
  db_sql "$copy" "UPDATE audit_events SET purpose = 'nothing to see here' WHERE seq = $mid"
  verify_fails "$copy" "$name: UPDATE of event $mid's purpose" "$mid"

  copy=$(db_copy "$url" tamper_delete)
  db_unguard "$copy"
  db_sql "$copy" "DELETE FROM audit_events WHERE seq = $mid"
  verify_fails "$copy" "$name: DELETE of event $mid" "$mid" "$((mid + 1))"

  copy=$(db_copy "$url" tamper_insert)
  db_unguard "$copy"
  db_sql "$copy" "INSERT INTO audit_events (seq, occurred_at, actor_kind, username, agency, role,
      action, record_type, record_id, purpose, outcome, detail, prev_hash, hash)
    SELECT seq + 1, occurred_at, actor_kind, username, agency, role, action, record_type,
      record_id, purpose, outcome, detail, hash,
      '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
    FROM audit_events WHERE seq = $n"
  verify_fails "$copy" "$name: INSERT of a forged event $((n + 1))" "$((n + 1))"

  copy=$(db_copy "$url" tamper_hash)
  db_unguard "$copy"
  db_sql "$copy" "UPDATE audit_events SET hash = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210' WHERE seq = $mid"
  verify_fails "$copy" "$name: UPDATE of event $mid's hash" "$mid" "$((mid + 1))"

  copy=$(db_copy "$url" tamper_truncate)
  db_unguard "$copy"
  db_sql "$copy" "DELETE FROM audit_events WHERE seq = $n"
  verify_fails "$copy" "$name: DELETE of the last event, $n" "$n"
}

if [[ $backend == sqlite || $backend == all ]]; then
  check_backend SQLite "sqlite:$work/audit.db"
fi
if [[ $backend == postgresql || $backend == all ]]; then
  pg_start mash_audit
  check_backend "PostgreSQL 15" "$MASH_PG_URL"
  pg_stop
fi

echo "audit tamper: $passed passed, $failed failed"
((failed == 0))
