# Shared by the command-line tests: `fail MESSAGE` counts a failed check and keeps going;
# `finish NAME` exits 1 when any check failed, else says that all passed.
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
