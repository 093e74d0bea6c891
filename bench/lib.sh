# Shared by the benchmark scripts that serve the hub (bench/run.sh, bench/tracker.sh); sourced
# after `root` is set. Gives: a work folder ($work) removed on exit with the server ($server_pid,
# when set) stopped and any throwaway PostgreSQL (tests/pg.sh) stopped; free_port; value.
#   bench_begin NAME
bench_begin() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/mash-$1.XXXXXX")
  server_pid=
  trap bench_cleanup EXIT
}

# shellcheck source=tests/pg.sh
source "$root/tests/pg.sh"

bench_cleanup() {
  if [[ -n $server_pid ]]; then kill -TERM "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  pg_stop
}

# A loopback port nothing answers on.
free_port() {
  local port
  while :; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  echo "$port"
}

# value KEY LINE: the value of KEY=… in a RESULT line.
value() { sed -nE "s/.*[ ]$1=([^ ]+).*/\1/p" <<<"$2"; }
