#!/usr/bin/env bash
# The main job: installs what is missing, builds kvcheck in Release and runs it on its
# built-in defaults. Extra arguments are passed to kvcheck.
# The binary is built for this machine's CPU (-march=native: AVX and FMA for the numeric
# kernels) in build/native; KVCHECK_PORTABLE=1 builds the portable binary of build/release
# instead, the one the tests run and a binary to copy to other machines.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
if [[ ${KVCHECK_PORTABLE:-} == 1 ]]; then
  build=build/release
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DKVCHECK_NATIVE=OFF >/dev/null
else
  build=build/native
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DKVCHECK_NATIVE=ON -DKVCHECK_BUILD_TESTS=OFF \
    -DKVCHECK_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target kvcheck
if (($# == 0)); then
  set -- verify
fi
exec "$build/src/cli/kvcheck" "$@"
