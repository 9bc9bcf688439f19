#!/usr/bin/env bash
# The main job: installs what is missing, builds kvcheck in Release and runs it on its
# built-in defaults. Extra arguments are passed to kvcheck.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j"$(nproc)" --target kvcheck
if (($# == 0)); then
  set -- verify
fi
exec build/release/src/cli/kvcheck "$@"
