#!/usr/bin/env bash
# Writes docs/access-matrix.md from the access matrix's expectations
# (tests/integration/access_matrix.tsv): each group of rows, with the comment above it, becomes a
# paragraph and a table. With --check it writes nothing and fails when the committed page differs
# from what it would write (ctest runs it so: docs.access_matrix).
#
#   scripts/access-matrix-doc.sh [--check]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
table=$root/tests/integration/access_matrix.tsv
page=$root/docs/access-matrix.md

render() {
  cat <<'INTRO'
# Access matrix

Who may use each route of the hub: every page, API call and asset (`mash routes` lists them),
for every role signed in with a browser (`web:`) and with an API token (`api:`), for an agency
system's token (`api:police`) and for someone with no credentials at all (`none`), about a
contact sent by the actor's own agency or by another.

This page is generated from `tests/integration/access_matrix.tsv` by
`scripts/access-matrix-doc.sh`: edit the table, then run the script. The table is written by hand
from the policy (`src/policy/policy.cpp`) and the hub configuration's roles, not from what the
server does; the integration test `AccessMatrix` (`tests/integration/access_matrix_test.cpp`)
tries every cell over real HTTP, on SQLite and on PostgreSQL, and fails on any unexpected allow
or deny and on any route without its rows.

Roles: **RA** referral administrator, **IO** information officer, **SW** social worker, **DM**
decision maker, **HM** hub manager (together, hub staff), **AP** agency practitioner, **AN**
analyst, **AU** auditor, **SA** system administrator. The users are in children's social care,
the agency practitioner in the police.

Cells: **✓** allowed, **·** denied (401, 403, 404 or the sign-in page), **○** public by design
(no personal data; any answer passes but a server error). *Contact*: **own** — sent by the
actor's own agency; **other** — by another agency; **restricted** — a restricted contact (hidden
from everyone not granted it: `mash contact restrict`), granted to none of the actors. Under
`/requests/` (and `/api/v1/requests/`) `{id}` is an information request, and **own** means a
request addressed to the actor's agency: each contact tried is in a MASH enquiry with one
request, to the agency that sent it.
INTRO
  awk -F'\t' '
    function cell(v) { return v == "allow" ? "✓" : v == "deny" ? "·" : v == "public" ? "○" : "?" }
    function header(   i, line, rule) {
      line = "| Method | Route | Contact |"; rule = "|---|---|---|"
      for (i = 5; i <= ncols; i++) { line = line " " names[i] " |"; rule = rule ":-:|" }
      print line; print rule
    }
    /^$/ { next }
    /^#/ && !seen_header { next }               # the file'\''s own preamble
    !seen_header { ncols = NF; for (i = 1; i <= NF; i++) names[i] = $i; seen_header = 1; next }
    /^#/ {
      text = substr($0, 3)
      if (!in_comment) { printf "\n"; para = text } else { para = para " " text }
      in_comment = 1; in_table = 0; next
    }
    {
      if (in_comment) { print para; printf "\n"; in_comment = 0 }
      if (!in_table) { header(); in_table = 1 }
      contact = $3 == "-" ? "" : $3 ($4 == "yes" ? ", restricted" : "")
      line = "| " $1 " | `" $2 "` | " contact " |"
      for (i = 5; i <= ncols; i++) line = line " " cell($i) " |"
      print line
    }
  ' "$table"
}

if [[ ${1:-} == --check ]]; then
  if ! diff -u "$page" <(render) >/dev/null; then
    diff -u "$page" <(render) | head -n 40 >&2 || true
    echo "docs/access-matrix.md does not match tests/integration/access_matrix.tsv:" \
      "run scripts/access-matrix-doc.sh and commit the page" >&2
    exit 1
  fi
  echo "docs/access-matrix.md matches tests/integration/access_matrix.tsv"
else
  render >"$page"
  echo "wrote docs/access-matrix.md"
fi
