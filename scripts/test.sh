#!/usr/bin/env bash
# The test command: installs what is missing, then builds and runs every test twice:
# a Release build with warnings as errors, and an ASan + UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
jobs=$(nproc)

echo "== release build (warnings are errors) =="
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DKVCHECK_WERROR=ON >/dev/null
cmake --build build/release -j"$jobs"
ctest --test-dir build/release --output-on-failure -j"$jobs"

echo "== sanitizer build (ASan + UBSan) =="
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKVCHECK_WERROR=ON \
  -DKVCHECK_SANITIZE=ON -DKVCHECK_BUILD_BENCH=OFF >/dev/null
cmake --build build/sanitize -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize --output-on-failure -j"$jobs"
