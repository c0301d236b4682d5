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

  # A short libFuzzer run of every parser of outside input: at most 4
  # minutes of fuzzing in all (30 s per target while there are few).
  n_fuzz=$(ls fuzz/fuzz_*.c | wc -l)
  fuzz_s=$(( 240 / (n_fuzz ? n_fuzz : 1) ))
  (( fuzz_s > 30 )) && fuzz_s=30
  echo "== fuzzing (${fuzz_s} s per target) =="
  fuzz/run.sh "$fuzz_s"

  # Unit tests, render, dict check and run --once under valgrind's
  # memcheck (about 4 minutes on 2 cores, plus its Debug build).
  echo "== memcheck =="
  scripts/valgrind.sh
fi
echo "== all tests passed =="
