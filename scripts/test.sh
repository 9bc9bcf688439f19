#!/usr/bin/env bash
# The test command: installs what is missing, then builds and runs every test twice:
# a Release build with g++ and warnings as errors (with the libtorch differential tests), and
# an ASan + UBSan build with clang that also runs each libFuzzer target for a fixed time.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
jobs=$(nproc)

echo "== release build (warnings are errors) =="
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DKVCHECK_WERROR=ON >/dev/null
cmake --build build/release -j"$jobs"
ctest --test-dir build/release --output-on-failure -j"$jobs"

echo "== sanitizer build (clang: ASan + UBSan, and the libFuzzer targets) =="
# clang here and g++ above: the determinism goldens (tests/cli) must come out byte for byte
# the same from both compilers. The fuzz targets (fuzz/) run for a fixed time each.
CC=clang CXX=clang++ cmake -S . -B build/sanitize-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKVCHECK_WERROR=ON -DKVCHECK_SANITIZE=ON -DKVCHECK_FUZZ=ON -DKVCHECK_BUILD_BENCH=OFF >/dev/null
cmake --build build/sanitize-clang -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize-clang --output-on-failure -j"$jobs"
