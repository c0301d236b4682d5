#!/usr/bin/env bash
# Everything a fresh Debian 12 machine needs to run the whole test suite:
# install the packages, build (normal and ASan/UBSan), run ctest (unit and
# integration tests start their own mosquitto on a free loopback port).
#   scripts/test.sh            # full suite
#   BC_TEST_QUICK=1 scripts/test.sh   # skip the sanitizer build
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

scripts/install-deps.sh

echo "== build (RelWithDebInfo) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"

echo "== tests =="
ctest --test-dir build --output-on-failure -j"$jobs"

if [ -z "${BC_TEST_QUICK:-}" ]; then
  echo "== tests under ASan/UBSan =="
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBC_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$jobs"
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE no-asan
fi
echo "== all tests passed =="
