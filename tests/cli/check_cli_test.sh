#!/usr/bin/env bash
# kvcheck check on a downloaded model folder, the way the README's CI recipe and pre-commit
# hook run it: the tokenizer and generation settings beside config.json are skipped and
# listed, a broken config still fails, files with nothing to check are errors when named,
# and the memory flags price other runs.
# Usage: check_cli_test.sh KVCHECK SOURCE_DIR
set -uo pipefail
kvcheck=$(realpath "$1")
source_dir="$2"
# shellcheck source=../support/cli_checks.sh
source "$(dirname "$0")/../support/cli_checks.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# A model folder as a download leaves it.
model="$scratch/repo/Meta-Llama-3-8B"
mkdir -p "$model"
cp "$source_dir/fixtures/configs/huggingface/llama-3-8b.json" "$model/config.json"
cat >"$model/tokenizer_config.json" <<'JSON'
{"bos_token": "<|begin_of_text|>", "model_max_length": 1000000000000000019884624838656,
 "tokenizer_class": "PreTrainedTokenizerFast"}
JSON
cat >"$model/generation_config.json" <<'JSON'
{"bos_token_id": 128000, "eos_token_id": 128001, "do_sample": true, "temperature": 0.6}
JSON
cat >"$model/special_tokens_map.json" <<'JSON'
{"bos_token": "<|begin_of_text|>", "eos_token": "<|end_of_text|>"}
JSON

# The CI recipe: report-only SARIF, then annotations that fail on findings.
cd "$scratch/repo" || exit 1
expect 0 check Meta-Llama-3-8B/ --format sarif --output kvcheck.sarif --exit-zero
[[ -s kvcheck.sarif ]] || fail "the CI recipe wrote no SARIF report for a model folder"
python3 - kvcheck.sarif <<'PY' || fail "the SARIF report should list the 3 skipped files as notes"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
notes = [n for n in run["invocations"][0]["toolExecutionNotifications"] if n["level"] == "note"]
assert len(notes) == 3, notes
assert run["invocations"][0]["executionSuccessful"] is True
PY
expect 0 check Meta-Llama-3-8B/ --format github
expect 0 check Meta-Llama-3-8B/
grep -q "3 files skipped: not model configs" "$scratch/out" || fail "the text report should count the skipped files"
grep -q "skipped: Meta-Llama-3-8B/tokenizer_config.json: not a model config: tokenizer_config.json holds a tokenizer's settings" "$scratch/out" ||
  fail "each skipped file is listed with its reason"
grep -q "(huggingface, llama: meta-llama/Meta-Llama-3-8B)" "$scratch/out" || fail "the report names format and family"
grep -q "model: 32 layers, context 8192 tokens, bfloat16" "$scratch/out" || fail "the report shows layers, context and dtype"
grep -q "one sequence of 8192 tokens: 1 GiB" "$scratch/out" || fail "the per-sequence figure"

# Named directly, a file with nothing to check is an error.
expect 2 check Meta-Llama-3-8B/tokenizer_config.json
grep -qx "kvcheck: error: Meta-Llama-3-8B/tokenizer_config.json: not a model config: tokenizer_config.json holds a tokenizer's settings" "$scratch/err" ||
  fail "a tokenizer file named directly: $(cat "$scratch/err")"
printf '{\n  "model_type": "mamba",\n  "hidden_size": 2560\n}\n' >"$scratch/mamba.json"
expect 2 check "$scratch/mamba.json"
grep -q "mamba.json:2: mamba: a state-space model has no KV cache" "$scratch/err" || fail "mamba named directly: $(cat "$scratch/err")"
mkdir -p "$scratch/only-tokenizers"
cp "$model/tokenizer_config.json" "$scratch/only-tokenizers/"
expect 2 check "$scratch/only-tokenizers"
grep -q "only-tokenizers: no model config files found" "$scratch/err" || fail "a folder with nothing to check names itself: $(cat "$scratch/err")"

# The memory flags.
expect 0 check Meta-Llama-3-8B/config.json --batch 8 --context 32768 --kv-dtype fp8
grep -q "KV cache (fp8): 64 KiB per token" "$scratch/out" || fail "--kv-dtype fp8 halves bfloat16's figures"
grep -q "one sequence of 32768 tokens: 2 GiB" "$scratch/out" || fail "--context prices that length"
grep -q "batch of 8: 16 GiB" "$scratch/out" || fail "--batch multiplies the sequence"
expect 2 check Meta-Llama-3-8B/config.json --kv-dtype fp7
grep -q "unknown dtype 'fp7'; expected one of:" "$scratch/err" || fail "a bad --kv-dtype is a one-line error"

# --output never costs the user a file: an input under another spelling, a device, a folder
# or a missing folder is refused before any work, and a run stopped by a signal leaves the
# old report as it was and no temporary file beside it.
cp Meta-Llama-3-8B/config.json model.json
before="$(cat model.json)"
for target in model.json ./model.json "../$(basename "$PWD")/model.json" Meta-Llama-3-8B/config.json; do
  expect 2 check model.json Meta-Llama-3-8B --output "$target"
  grep -q "writing the report there would replace it" "$scratch/err" ||
    fail "--output $target: $(cat "$scratch/err")"
done
[[ "$(cat model.json)" == "$before" ]] || fail "--output replaced an input"
expect 2 check model.json --output /dev/null
grep -q "/dev/null: --output: is not a regular file" "$scratch/err" || fail "--output /dev/null: $(cat "$scratch/err")"
[[ -c /dev/null ]] || fail "/dev/null is no longer a device"
expect 2 check model.json --output ''
grep -q -- "--output: empty file name" "$scratch/err" || fail "--output '': $(cat "$scratch/err")"
expect 2 check model.json --output no-such-folder/report.json
grep -q "folder 'no-such-folder' does not exist" "$scratch/err" || fail "missing folder: $(cat "$scratch/err")"
expect 2 demo --config model.json --html model.json
grep -q -- "--html: is an input of this run" "$scratch/err" || fail "demo --html over its --config: $(cat "$scratch/err")"
[[ "$(cat model.json)" == "$before" ]] || fail "demo --html replaced its --config"

# A run longer than a second shows its progress on a terminal, and only there: a CI log gets
# the report and nothing else.
expect 0 check --cases 600 model.json
[[ ! -s "$scratch/err" ]] || fail "progress reached a log that is not a terminal: $(head -c 200 "$scratch/err")"
if command -v script >/dev/null; then
  script -qec "'$kvcheck' check --cases 600 model.json >/dev/null" "$scratch/tty" >/dev/null
  grep -q "kvcheck: checked 1 of 1 configs" "$scratch/tty" || fail "no progress line on a terminal"
  grep -q $'\r\033\[K' "$scratch/tty" || fail "the progress line is not erased"
fi

mkdir -p signalled
echo "old report" >signalled/report.txt
"$kvcheck" check --cases 100000 model.json --output signalled/report.txt >/dev/null 2>&1 &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
code=$?
((code == 143)) || fail "a run stopped by SIGTERM exited $code, expected 143"
[[ "$(cat signalled/report.txt)" == "old report" ]] || fail "SIGTERM changed the old report"
[[ "$(ls -A signalled)" == "report.txt" ]] || fail "SIGTERM left files beside the report: $(ls -A signalled)"

# The pre-commit hook, taken from the README as written.
hooks="$scratch/repo/.git/hooks"
git -C "$scratch/repo" init -q || exit 1
git -C "$scratch/repo" config user.email ci@example.invalid
git -C "$scratch/repo" config user.name ci
sed -n '/^# .git\/hooks\/pre-commit/,/^```/p' "$source_dir/README.md" | sed '$d' >"$scratch/hook.body"
[[ -s "$scratch/hook.body" ]] || fail "no pre-commit hook found in the README"
{ echo '#!/bin/sh'; cat "$scratch/hook.body"; } >"$hooks/pre-commit"
chmod +x "$hooks/pre-commit"
mkdir -p "$scratch/bin"
ln -s "$kvcheck" "$scratch/bin/kvcheck"
rm -f kvcheck.sarif
git add Meta-Llama-3-8B
PATH="$scratch/bin:$PATH" git commit -qm "add a model" >"$scratch/hook.out" 2>&1 ||
  fail "the README's pre-commit hook blocked a real model folder: $(cat "$scratch/hook.out")"
printf '{\n  "model_type": "llama",\n  "num_attention_heads": 32,\n  "num_key_value_heads": 5\n}\n' >Meta-Llama-3-8B/config.json
git add Meta-Llama-3-8B
if PATH="$scratch/bin:$PATH" git commit -qm "break it" >"$scratch/hook.out" 2>&1; then
  fail "the pre-commit hook let a broken config through"
fi
grep -q "config.json:4: num_key_value_heads: num_attention_heads (32) must be a multiple of num_key_value_heads (5)" "$scratch/hook.out" ||
  fail "the hook should print the one-line error: $(cat "$scratch/hook.out")"

finish check_cli
