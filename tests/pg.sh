# shellcheck shell=bash
# A throwaway PostgreSQL 15 server for tests and benchmarks. Source this file, then:
#
#   pg_start [DBNAME]   initdb in a new temporary folder, start a server that listens only on
#                       127.0.0.1 on a free port (its unix socket in the same folder, fsync on),
#                       create DBNAME (default mash_test) and export
#                         MASH_PG_URL=postgresql://postgres@127.0.0.1:PORT/DBNAME
#                       plus MASH_PG_PORT and MASH_PG_DIR. Stops and removes it on EXIT.
#   pg_new_db NAME      create another database on that server; prints its URL.
#   pg_psql URL ARGS…   psql against URL (no ~/.psqlrc, stops on the first error).
#   pg_stop             stop the server and remove its folder (safe to call twice).
#
# Uses Debian's postgresql package (/usr/lib/postgresql/15/bin). As root, the server runs as the
# postgres user through runuser, in a folder owned by postgres. Call pg_start in the script's own
# shell (not in $(…)), so that the EXIT trap and the exports reach the caller.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

_pg_as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_pg_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_start() {
  local db=${1:-mash_test}
  if [[ -n ${MASH_PG_DIR:-} ]]; then
    echo "pg_start: a server is already running in $MASH_PG_DIR" >&2
    return 1
  fi
  [[ -x $PG_BIN/initdb ]] || {
    echo "pg_start: $PG_BIN/initdb not found; install Debian's postgresql package" >&2
    return 1
  }

  MASH_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mash-pg.XXXXXX")
  export MASH_PG_DIR
  _pg_add_exit_trap
  chmod 755 "$MASH_PG_DIR"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$MASH_PG_DIR"

  if ! _pg_as_server_user "$PG_BIN/initdb" -D "$MASH_PG_DIR/data" -U postgres --auth=trust \
    -E UTF8 --locale=C.UTF-8 >"$MASH_PG_DIR/initdb.log" 2>&1; then
    echo "pg_start: initdb failed:" >&2
    cat "$MASH_PG_DIR/initdb.log" >&2
    return 1
  fi

  # Pick a free port; another process may take it between the check and the start, so retry.
  local attempt port started=0
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    _pg_port_in_use "$port" && continue
    if _pg_as_server_user "$PG_BIN/pg_ctl" -D "$MASH_PG_DIR/data" -l "$MASH_PG_DIR/server.log" \
      -w -t 60 -o "-c listen_addresses=127.0.0.1 -c port=$port \
        -c unix_socket_directories=$MASH_PG_DIR -c fsync=on -c synchronous_commit=on \
        -c full_page_writes=on -c max_connections=100" start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if ((!started)); then
    echo "pg_start: the server did not start; its log:" >&2
    tail -n 30 "$MASH_PG_DIR/server.log" >&2 || true
    return 1
  fi

  export MASH_PG_PORT=$port
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  export MASH_PG_URL="postgresql://postgres@127.0.0.1:$port/$db"
}

pg_new_db() {
  local name=$1
  [[ -n ${MASH_PG_PORT:-} ]] || {
    echo "pg_new_db: call pg_start first" >&2
    return 1
  }
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$MASH_PG_PORT" -U postgres "$name" || return 1
  echo "postgresql://postgres@127.0.0.1:$MASH_PG_PORT/$name"
}

pg_psql() {
  local url=$1
  shift
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$url" "$@"
}

pg_stop() {
  [[ -n ${MASH_PG_DIR:-} ]] || return 0
  if [[ -f $MASH_PG_DIR/data/postmaster.pid ]]; then
    _pg_as_server_user "$PG_BIN/pg_ctl" -D "$MASH_PG_DIR/data" -m fast -w -t 60 stop \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$MASH_PG_DIR"
  unset MASH_PG_DIR MASH_PG_PORT MASH_PG_URL
}

# Adds pg_stop to whatever the shell already runs on EXIT, once.
_pg_add_exit_trap() {
  local current
  current=$(trap -p EXIT)
  [[ $current == *pg_stop* ]] && return 0
  current=${current#trap -- \'}
  current=${current%\' EXIT}
  # shellcheck disable=SC2064
  trap "${current:+$current; }pg_stop" EXIT
}
