#!/usr/bin/env bash
# kvcheck scan from the command line: exit codes (0 clean, 1 findings, 2 bad input), every
# format, --output written whole, --exclude, --exit-zero, and one-line errors.
# Usage: scan_cli_test.sh KVCHECK SOURCE_DIR
set -uo pipefail
kvcheck="$1"
source_dir="$2"
# shellcheck source=../support/cli_checks.sh
source "$(dirname "$0")/../support/cli_checks.sh"
cd "$source_dir" || exit 1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

expect 0 scan fixtures/scan/meta_fixed.py
grep -q "0 findings" "$scratch/out" || fail "a fixed file should report 0 findings"
expect 1 scan fixtures/scan/meta_cache_n_heads.py
grep -q "meta_cache_n_heads.py:68:9: error: shape-safety" "$scratch/out" ||
  fail "the n_heads cache should be reported at its write, 68:9"
expect 0 scan --exit-zero fixtures/scan/meta_cache_n_heads.py
# A folder: every format, each to stdout and, the same bytes, to --output.
for format in text json markdown sarif junit github; do
  expect 1 scan --format "$format" fixtures/scan
  cp "$scratch/out" "$scratch/stdout.$format"
  expect 1 scan --format "$format" --output "$scratch/report.$format" fixtures/scan
  [[ -s "$scratch/out" ]] && fail "--output $format also printed to stdout"
  cmp -s "$scratch/stdout.$format" "$scratch/report.$format" || fail "--output $format differs from stdout"
done
# --exclude drops files; excluding every buggy file leaves a clean scan.
expect 0 scan --exclude '*cache_n_heads*' --exclude 'split_cache' fixtures/scan/meta_cache_n_heads.py fixtures/scan/meta_fixed.py
# A syntax error is a note, not a failure of the run.
expect 0 scan fixtures/scan/syntax_error.py
grep -q "syntax_error.py:30:50: syntax error" "$scratch/out" || fail "the syntax error should be noted at 30:50"
# Bad input: one line naming the path, exit 2.
expect 2 scan fixtures/scan/no_such_file.py
[[ $(wc -l <"$scratch/err") -eq 1 ]] && grep -q "no_such_file.py" "$scratch/err" ||
  fail "a missing path should be one line naming it, got: $(cat "$scratch/err")"
expect 2 scan --format yaml fixtures/scan
expect 2 scan --output "$scratch/missing/dir/report.txt" fixtures/scan/meta_fixed.py
# The replay command a finding prints reproduces it with the model.
expect 1 scan --format json fixtures/scan/meta_tile_repeat.py
replay=$(grep -o '"replay": "kvcheck replay[^"]*\(\\"[^"]*\)*' "$scratch/out" | head -1 |
  sed -e 's/^"replay": "kvcheck //' -e 's/\\"/"/g')
[[ -n "$replay" ]] || fail "the tile finding should carry a replay command"
eval "set -- $replay"
expect 1 "$@"
grep -q "head-mapping" "$scratch/out" || fail "the replay should fail head-mapping"

# demo --source: the walkthrough compares fixed with the file's own implementation, in its lines.
expect 0 demo --source fixtures/scan/meta_tile_repeat.py --width 120 --ascii
grep -q "repeat=tile" "$scratch/out" || fail "demo --source should run the recognised tile repeat"
grep -q "meta_tile_repeat.py:35" "$scratch/out" || fail "demo --source should show the file's repeat line"
expect 2 demo --source fixtures/scan/no_attention.py
[[ $(wc -l <"$scratch/err") -eq 1 ]] || fail "demo --source without a site should be one line, got: $(cat "$scratch/err")"

finish "scan"
