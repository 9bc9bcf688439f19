#!/usr/bin/env bash
# The same seed gives byte-identical reports: across runs, across runs side by side (as under
# `ctest -j`), and across builds. The goldens in fixtures/determinism/ are compared by every
# build that runs this test (Release with g++, the sanitizer build with clang), so a report
# that depends on the compiler, the optimisation level or the thread schedule fails here.
# Usage: determinism_cli_test.sh KVCHECK SOURCE_DIR
# KVCHECK_UPDATE_GOLDENS=1 rewrites the goldens instead of comparing.
set -uo pipefail
kvcheck="$1"
source_dir="$2"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
source "$source_dir/tests/support/cli_checks.sh"
cd "$source_dir" || exit 1

# name | arguments (relative paths: the reports quote them)
runs=(
  "verify-seed-3.txt|verify --seed 3"
  "check-configs.json|check --seed 5 --cases 10 --format json fixtures/configs/huggingface/llama-3-8b.json fixtures/configs/huggingface/gemma-3-4b-it.json fixtures/configs/huggingface/deepseek-v2-lite.json fixtures/configs/lingua fixtures/configs/kvcheck"
  "check-tiled.txt|check --seed 9 --cases 10 --variant tile-repeat fixtures/configs/huggingface/mistral-7b-v0.1.json"
)

for run in "${runs[@]}"; do
  name="${run%%|*}"
  read -r -a args <<<"${run#*|}"
  # Two side by side, then one alone.
  "$kvcheck" "${args[@]}" >"$scratch/a" 2>&1 &
  first=$!
  "$kvcheck" "${args[@]}" >"$scratch/b" 2>&1
  wait "$first"
  "$kvcheck" "${args[@]}" >"$scratch/c" 2>&1
  cmp -s "$scratch/a" "$scratch/b" || fail "$name: two runs side by side differ"
  cmp -s "$scratch/a" "$scratch/c" || fail "$name: a run alone differs from runs side by side"
  golden="fixtures/determinism/$name"
  if [[ ${KVCHECK_UPDATE_GOLDENS:-} == 1 ]]; then
    mkdir -p fixtures/determinism
    cp "$scratch/a" "$golden"
  elif ! cmp -s "$scratch/a" "$golden"; then
    fail "$name: differs from $golden: $(diff "$golden" "$scratch/a" | head -n 6)"
  fi
done

finish determinism_cli
