#!/usr/bin/env bash
# fuzz/run.sh — build every libFuzzer target and run each for a while.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     # default 30 s each, every target
#   fuzz/run.sh 600 jmaxml atom           # ten minutes each for two of them
#
# Targets are fuzz/fuzz_<name>.c; seeds come from fuzz/corpus/<name>/ (and
# fuzz/<name>_seeds/ when a target keeps its own).  Builds with clang, the
# core instrumented too, in build-fuzz/.  New inputs go to a temporary
# directory only — libFuzzer writes into the FIRST corpus directory it is
# given, so that one is the temporary one and the seeds come second — and
# crash, leak and timeout reproducers go there too, never into the
# repository.  A target that fails leaves its reproducer in
# $BC_FUZZ_ARTIFACTS (default: build-fuzz/artifacts/) and makes the script
# exit 1; turn the reproducer into a regression test (tests/data/bad/ or a
# unit test) once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-30}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 64; }
shift || true
jobs=$(nproc 2>/dev/null || echo 2)

scripts/install-deps.sh >&2
echo "== build (clang, libFuzzer + ASan/UBSan, build-fuzz/) =="
cmake -S . -B build-fuzz -DBC_FUZZ=ON -DBC_TESTS=OFF \
	-DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug >/dev/null
targets=("$@")
if ((${#targets[@]} == 0)); then
	for f in fuzz/fuzz_*.c; do
		n=${f#fuzz/fuzz_}
		targets+=("${n%.c}")
	done
fi
cmake --build build-fuzz -j"$jobs" --target "${targets[@]/#/fuzz_}" \
	>build-fuzz/build.log 2>&1 || { tail -40 build-fuzz/build.log; exit 1; }

artifacts=${BC_FUZZ_ARTIFACTS:-$root/build-fuzz/artifacts}
mkdir -p "$artifacts"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/bc-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export BOSAICAST_DATA_DIR=$root
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

failed=()
printf '%-10s %8s %12s %10s %6s %s\n' target seconds executions exec/s cov result
for t in "${targets[@]}"; do
	bin=build-fuzz/fuzz/fuzz_$t
	[[ -x $bin ]] || { echo "no target fuzz_$t" >&2; failed+=("$t"); continue; }
	new=$scratch/$t
	mkdir -p "$new"
	seeds=()
	[[ -d fuzz/corpus/$t ]] && seeds+=("fuzz/corpus/$t")
	[[ -d fuzz/${t}_seeds ]] && seeds+=("fuzz/${t}_seeds")
	log=$scratch/$t.log
	rc=0
	"$bin" "$new" "${seeds[@]}" -max_total_time="$seconds" -timeout=20 \
		-rss_limit_mb=2048 -max_len=1048576 -print_final_stats=1 \
		-artifact_prefix="$artifacts/$t-" >"$log" 2>&1 || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	if ((rc == 0)); then
		result=ok
	else
		result="FAILED (exit $rc)"
		failed+=("$t")
		echo "---- fuzz_$t log (tail) ----" >&2
		tail -60 "$log" >&2
		ls -1 "$artifacts"/"$t"-* 2>/dev/null | sed 's/^/reproducer: /' >&2
	fi
	printf '%-10s %8s %12s %10s %6s %s\n' "$t" "$seconds" "${runs:-?}" \
		"${rate:-?}" "${cov:-?}" "$result"
done
if ((${#failed[@]})); then
	echo "fuzz: failed: ${failed[*]}" >&2
	exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds} s each: no crash, leak or timeout"
