# shellcheck shell=bash
# The command-line tests' one check, sourced by tests/cli/*.sh once they have set `mash` (the
# binary) and `work` (their temporary folder). Counts into `passed` and `failed`.
#
#   expect NAME STATUS STDOUT_PATTERN STDERR_PATTERN -- ARGS…
#
# runs `mash ARGS…` with `expect_input` (default: nothing) as a line on its standard input, and
# passes when the exit status is STATUS ("usage": CLI11's own non-zero status for a command line
# it cannot parse) and both outputs match their extended regular expressions.
passed=0 failed=0
expect_input=${expect_input:-}

expect() {
  local name=$1 status=$2 out_pattern=$3 err_pattern=$4
  shift 5
  local out err rc=0
  out=$(printf '%s\n' "$expect_input" | "$mash" "$@" 2>"$work/err") || rc=$?
  err=$(<"$work/err")
  local status_ok=0
  if [[ $status == usage ]]; then ((rc != 0)) && status_ok=1; else ((rc == status)) && status_ok=1; fi
  if [[ $status_ok == 1 && $out =~ $out_pattern && $err =~ $err_pattern ]]; then
    passed=$((passed + 1))
    echo "ok: $name"
  else
    failed=$((failed + 1))
    echo "FAILED: $name (exit $rc; stdout: $out; stderr: $err)"
  fi
}
