#!/usr/bin/env bash
# kvcheck prove and kvcheck variants --all from the command line: exit codes, the piped
# output against golden files, and --impl for an implementation that is no catalog variant.
# Usage: prove_cli_test.sh KVCHECK SOURCE_DIR
# With KVCHECK_UPDATE_GOLDENS=1 the goldens are written instead of compared (review the diff).
set -uo pipefail
kvcheck="$1"
source_dir="$2"
# shellcheck source=../support/cli_checks.sh
source "$(dirname "$0")/../support/cli_checks.sh"

# golden NAME EXPECTED_EXIT ARGS...: stdout equals fixtures/NAME, exit code as given.
golden() {
  local name="$1" want="$2" out code
  shift 2
  out=$("$kvcheck" "$@")
  code=$?
  [[ $code -eq $want ]] || fail "kvcheck $* exited $code, expected $want"
  if [[ "${KVCHECK_UPDATE_GOLDENS:-}" == 1 ]]; then
    printf '%s\n' "$out" >"$source_dir/fixtures/$name"
    return
  fi
  if ! diff -u "$source_dir/fixtures/$name" <(printf '%s\n' "$out") >/dev/null; then
    fail "kvcheck $*: output differs from fixtures/$name"
    diff -u "$source_dir/fixtures/$name" <(printf '%s\n' "$out") | head -20 >&2
  fi
}

golden prove/tile-repeat.txt 1 prove --variant tile-repeat
golden prove/fixed.txt 0 prove
golden classification/all.txt 0 variants --all

# --impl: the catalog's tile-repeat spelled out gives the same proofs.
tile="cache=n_kv_heads order=write-then-repeat repeat=tile mask=written-prefix rope=absolute layout=BLHD attention=matmul"
custom=$("$kvcheck" prove --impl "$tile" | tail -n +3)
catalog=$("$kvcheck" prove --variant tile-repeat | tail -n +3)
[[ "$custom" == "$catalog" ]] || fail "prove --impl differs from prove --variant tile-repeat"

# A bad --impl is one line naming the key, exit 2.
err=$("$kvcheck" prove --impl "cache=bogus" 2>&1 >/dev/null)
code=$?
[[ $code -eq 2 ]] || fail "prove --impl cache=bogus exited $code, expected 2"
[[ $(printf '%s\n' "$err" | wc -l) -eq 1 && "$err" == *"--impl cache"* ]] ||
  fail "prove --impl cache=bogus: expected one line naming --impl cache, got: $err"

finish "prove and variants --all"
