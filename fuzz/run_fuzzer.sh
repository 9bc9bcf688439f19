#!/usr/bin/env bash
# Runs one libFuzzer target for a fixed time, seeded from checked-in fixture folders. New
# inputs go to a scratch corpus, so the seeds stay as committed; an input that fails is
# printed in base64, to replay as `TARGET FILE`.
# Usage: run_fuzzer.sh TARGET SECONDS SEED_FOLDER...
set -euo pipefail
target="$1"
seconds="$2"
shift 2
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/corpus"
# -timeout: one input taking longer is a finding (the readers' limits make each input fast).
# -rss_limit_mb: the sanitizers' own overhead included, far above what any input needs.
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
  "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$scratch/" "$scratch/corpus" "$@" 2>"$scratch/log" || {
  status=$?
  tail -n 60 "$scratch/log" >&2
  for crash in "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* "$scratch"/oom-*; do
    [[ -e $crash ]] && { echo "input that failed (base64):" >&2; base64 "$crash" >&2; }
  done
  exit "$status"
}
grep -E '^stat::(number_of_executed_units|peak_rss_mb)|cov: ' "$scratch/log" | tail -n 3
