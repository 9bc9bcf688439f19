#!/usr/bin/env bash
# The adversarial corpus end to end: every input in fixtures/adversarial/EXPECTED.md, and the
# ones made here that a repository cannot hold (FIFOs, devices, links that loop, files of
# 10 and 50 MB, control bytes in a file name), run through `kvcheck check`. Each must end
# with its documented exit code and message, inside a hang guard, and, where the build is
# not instrumented, inside 256 MiB.
# Usage: adversarial_cli_test.sh KVCHECK SOURCE_DIR [measure-memory]
set -uo pipefail
kvcheck="$1"
source_dir="$2"
measure="${3:-}"
scratch="$(mktemp -d)"
trap 'chmod -R u+rwx "$scratch"; rm -rf "$scratch"' EXIT
source "$source_dir/tests/support/cli_checks.sh"
cd "$source_dir" || exit 1

# Inputs that are made, not checked in: {generated}/NAME in the table.
gen="$scratch/generated"
mkdir -p "$gen/empty-folder" "$gen/folder-without-configs" "$gen/folder-with-fifo"
config='{"model_type": "llama", "num_attention_heads": 8, "num_key_value_heads": 2, "hidden_size": 512, "num_hidden_layers": 2, "max_position_embeddings": 2048, "torch_dtype": "bfloat16"}'
{ printf '{"num_attention_heads": 8, "hidden_size": 512, "notes": "'; head -c 10485760 /dev/zero | tr '\0' x; printf '"}\n'; } >"$gen/ten-megabyte-line.json"
{ printf '{"num_attention_heads": 8, "hidden_size": 512, "layers": ['; yes "0," | head -c 78643200 | tr -d '\n'; printf '0]}\n'; } >"$gen/fifty-megabytes.json"
mkfifo "$gen/fifo.json"
mkfifo "$gen/folder-with-fifo/config.json"
ln -s loop.json "$gen/loop.json"
ln -s missing.json "$gen/dangling.json"
echo "# notes" >"$gen/folder-without-configs/README.md"
printf '%s\n' "$config" >"$gen/$(printf 'esc-\033[31m-name.json')"
printf '%s\n' "$config" >"$gen/unreadable.json"
chmod 000 "$gen/unreadable.json"

# Rows: | `input` | what it tries | exit | `expected` |; exit 2 rows expect stderr's one line,
# the others a line stdout must contain.
rows=0
while IFS= read -r line; do
  [[ $line == '| `'* ]] || continue
  IFS='|' read -r _ input _ code expected _ <<<"$line"
  input="$(sed -e 's/^ *`//' -e 's/` *$//' <<<"$input")"
  code="${code// /}"
  expected="$(sed -e 's/^ *`//' -e 's/` *$//' <<<"$expected")"
  input="${input//\{generated\}/$gen}"
  input="${input//\{esc\}/$'\033'}"
  expected="${expected//\{generated\}/$gen}"
  rows=$((rows + 1))
  if [[ $input == */unreadable.json && $(id -u) -eq 0 ]]; then
    continue  # root reads every file: the row is checked only as another user
  fi
  timeout 20 /usr/bin/time -f '%M' -o "$scratch/rss" "$kvcheck" check "$input" \
    >"$scratch/out" 2>"$scratch/err"
  got=$?
  if [[ $got -eq 124 ]]; then
    fail "$input: still running after 20 s"
    continue
  fi
  [[ $got -eq $code ]] || fail "$input: exit $got, expected $code: $(head -c 300 "$scratch/err")"
  if [[ $code -eq 2 ]]; then
    lines=$(wc -l <"$scratch/err")
    [[ $lines -eq 1 ]] || fail "$input: $lines lines on stderr, expected one"
    [[ "$(cat "$scratch/err")" == "$expected" ]] ||
      fail "$input: stderr was [$(head -c 400 "$scratch/err")], expected [$expected]"
  else
    grep -qF -- "$expected" "$scratch/out" || fail "$input: stdout lacks [$expected]"
  fi
  # No byte of ESC, CR or NUL from an input may reach the terminal or the log.
  if LC_ALL=C grep -qP '[\x00\x1b\r]' "$scratch/out" "$scratch/err"; then
    fail "$input: a control byte reached the output"
  fi
  if [[ $measure == measure-memory ]]; then
    rss_kib=$(tail -1 "$scratch/rss")
    ((rss_kib <= 262144)) || fail "$input: peak RSS $rss_kib KiB, over 256 MiB"
  fi
done <fixtures/adversarial/EXPECTED.md
((rows >= 60)) || fail "only $rows rows in fixtures/adversarial/EXPECTED.md"

# Every checked-in input has a row.
for f in fixtures/adversarial/*; do
  name="$(basename "$f")"
  [[ $name == EXPECTED.md ]] && continue
  grep -qF "| \`fixtures/adversarial/$name\` |" fixtures/adversarial/EXPECTED.md ||
    fail "fixtures/adversarial/$name has no row in EXPECTED.md"
done

finish adversarial_cli
