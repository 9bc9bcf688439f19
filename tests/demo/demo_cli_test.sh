#!/usr/bin/env bash
# kvcheck demo from the command line: bad flags exit 2 with one line naming the flag, and
# the piped output (no colour, fixed width) equals the golden files the unit tests compare.
# Usage: demo_cli_test.sh KVCHECK SOURCE_DIR
set -uo pipefail
kvcheck="$1"
source_dir="$2"
# shellcheck source=../support/cli_checks.sh
source "$(dirname "$0")/../support/cli_checks.sh"

# expect_usage_error FLAG ARGS...: exit code 2 and one line on stderr that names FLAG.
expect_usage_error() {
  local flag="$1" err code
  shift
  err=$("$kvcheck" demo "$@" 2>&1 >/dev/null)
  code=$?
  [[ $code -eq 2 ]] || fail "demo $* exited $code, expected 2"
  [[ $(printf '%s\n' "$err" | wc -l) -eq 1 ]] || fail "demo $*: expected one line, got: $err"
  [[ "$err" == *"$flag"* ]] || fail "demo $*: message does not name $flag: $err"
}

expect_usage_error --n-heads --n-heads 6 --n-kv-heads 4
expect_usage_error --n-heads --n-heads 0
expect_usage_error --n-kv-heads --n-kv-heads 0
expect_usage_error --head-dim --head-dim 0
expect_usage_error --decode-steps --decode-steps -1
expect_usage_error --variant --variant no-such-variant
expect_usage_error --width --width 10
# A config file that cannot be read is named by its path, as everywhere in kvcheck.
expect_usage_error no-such-file.json --config "$source_dir/fixtures/demo/no-such-file.json"

# compare NAME GOLDEN ARGS...: the command's stdout equals the golden file.
compare() {
  local name="$1" golden="$2"
  shift 2
  if ! "$kvcheck" demo "$@" </dev/null | cmp -s - "$source_dir/fixtures/demo/$golden"; then
    fail "$name: output differs from fixtures/demo/$golden"
  fi
}

compare "default" default.txt --width 100
compare "MQA with tile-repeat" mqa-tile-repeat.txt --width 100 --n-heads 8 --n-kv-heads 1 \
  --variant tile-repeat
# --step never waits when stdin is not a terminal, and prints the same pages.
compare "--step without a terminal" default.txt --width 100 --step
# Piped output has no colour even when the terminal would have it.
if "$kvcheck" demo --width 100 | grep -q $'\x1b\['; then fail "colour in piped output"; fi

finish "demo_cli"
