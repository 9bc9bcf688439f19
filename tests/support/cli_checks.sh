# Shared by the command-line tests: `fail MESSAGE` counts a failed check and keeps going;
# `expect CODE ARGS...` runs "$kvcheck" ARGS with stdout and stderr in "$scratch/out" and
# "$scratch/err" and fails unless it exits with CODE; `finish NAME` exits 1 when any check
# failed, else says that all passed.
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

finish() {
  if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "$1: all checks passed"
}

expect() {
  local want="$1" code
  shift
  "$kvcheck" "$@" >"$scratch/out" 2>"$scratch/err"
  code=$?
  [[ $code -eq $want ]] || fail "kvcheck $* exited $code, expected $want: $(head -c 500 "$scratch/err")"
}
