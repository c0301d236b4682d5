#!/usr/bin/env bash
# valgrind.sh — the memory check of DESIGN §10: zero leaks, zero errors.
#
#   scripts/valgrind.sh                # unit tests, render, dict check, run --once
#   BC_VG_FULL=1 scripts/valgrind.sh   # render the whole corpus (~30 min)
#
# Builds Debug without sanitizers (valgrind and ASan do not mix) in
# build-valgrind/ and runs under memcheck, each with --error-exitcode:
#   - every unit test, with the command and environment ctest would use
#     (read from `ctest --show-only=json-v1`, so new tests are picked up);
#   - `bosaicast render` over a tenth of the JMA corpus (every type that is
#     in it; the whole corpus with BC_VG_FULL: its fan-out documents make
#     1.3 GB of JSON, half an hour under memcheck) and over tests/data/bad/
#     (every error path), in one process each;
#   - `bosaicast dict check`;
#   - `bosaicast run --once` against a private broker (scripts/broker.sh)
#     with documents of each kind, a duplicate and a bad one.
# Leaks of every kind but "still reachable" count as errors.  Suppressions
# (scripts/valgrind.supp) cover only documented third-party noise.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc 2>/dev/null || echo 2)
scripts/install-deps.sh

echo "== build (Debug, no sanitizers, build-valgrind/) =="
cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-valgrind -j"$jobs" >build-valgrind/build.log 2>&1 ||
	{ tail -40 build-valgrind/build.log; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bc-valgrind.XXXXXX")
cleanup() {
	scripts/broker.sh stop "$work/broker" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
vg=(valgrind --tool=memcheck --leak-check=full
    --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible
    --error-exitcode=99 --num-callers=30
    --suppressions="$root/scripts/valgrind.supp")
start=$(date +%s)
failed=()
passed=0

# check NAME CMD... — run under memcheck, log to $work/NAME.vg; the
# variables in the array check_env (VAR=value) are set for it.
check_env=()
check() {
	local name=$1 t0 rc=0
	shift
	t0=$(date +%s)
	# render's payloads are not needed, only its errors.
	local out=$work/$name.out
	[[ $name == render_* ]] && out=/dev/null
	env "${check_env[@]}" "${vg[@]}" --log-file="$work/$name.vg" "$@" \
		>"$out" 2>>"$work/$name.err" || rc=$?
	# 99 is memcheck's verdict; anything else is the program's own
	# status, which the caller judges (render exits 1 on bad input).
	if [[ -f $work/$name.out ]] &&
	   grep -q '^\[  FAILED  \]' "$work/$name.out"; then
		# A failed cmocka assertion jumps out of the test and leaks
		# what it held: that is the test's failure, not a finding.
		failed+=("$name (the test itself fails; run it under ctest)")
		echo "  $name: TEST FAILED, memcheck not judged"
		grep -A1 '^\[  ERROR' "$work/$name.out" | head -10
		return 1
	fi
	if ((rc == 99)) || grep -q 'ERROR SUMMARY: [1-9]' "$work/$name.vg"; then
		failed+=("$name")
		echo "  $name: MEMCHECK ERRORS ($(($(date +%s) - t0)) s)"
		sed -n '/^==[0-9]*== [A-Z]/,$p' "$work/$name.vg" | head -80
		return 1
	fi
	passed=$((passed + 1))
	echo "  $name: clean, exit $rc ($(($(date +%s) - t0)) s)"
	return 0
}

echo "== unit tests under memcheck =="
ctest --test-dir build-valgrind -N --show-only=json-v1 -L unit >"$work/tests.json"
python3 - "$work/tests.json" >"$work/tests.sh" <<'PY'
import json, shlex, sys
for t in json.load(open(sys.argv[1]))["tests"]:
    env = []
    for p in t.get("properties", []):
        if p["name"] == "ENVIRONMENT":
            env = p["value"]
    name = t["name"].replace("unit.", "")
    print("check_env=(" + " ".join(shlex.quote(e) for e in env) + ")")
    print("check_unit", shlex.quote(name),
          " ".join(shlex.quote(c) for c in t["command"]))
PY
check_unit() {
	check "$@" || true
}
# shellcheck source=/dev/null
source "$work/tests.sh"
check_env=()

echo "== bosaicast render / dict check under memcheck =="
bin=$root/build-valgrind/bosaicast
export BOSAICAST_DATA_DIR=$root
if [[ -n ${BC_VG_FULL:-} ]]; then
	mapfile -t docs < <(find tests/data/jmaxml -name '*.xml' | sort)
else
	# Every tenth document, plus the first of each type the sample
	# would miss, so that every family's code runs.
	mapfile -t docs < <(find tests/data/jmaxml -name '*.xml' | sort |
		awk '{ n = split($0, p, "_"); t = substr(p[n], 1, 6) }
		     NR % 10 == 1 || !(t in seen) { print } { seen[t] = 1 }')
fi
check render_corpus "$bin" render "${docs[@]}" || true
mapfile -t bad < <(find tests/data/bad -type f ! -name '*.md' ! -name '*.tsv' | sort)
check render_bad "$bin" render "${bad[@]}" || true
check dict_check "$bin" dict check || true

echo "== bosaicast run --once under memcheck =="
scripts/broker.sh start "$work/broker" >/dev/null
port=$(<"$work/broker/port")
J=tests/data/jmaxml
once=(
	"$J/kuribo001-research_jmaxml_20260326_Samples/15_16_03_241226_VPWW55.xml"
	"$J/kuribo001-research_jmaxml_20260326_Samples/15_16_03_241226_VPWW55.xml"
	"$(find "$J" -name '*VXSE53*' | sort | head -1)"
	"$(find "$J" -name '*VTSE41*' | sort | head -1)"
	"$(find "$J" -name '*VXSE43*' | sort | head -1)"
	tests/data/bad/truncated.xml
)
check run_once "$bin" run --once --db "$work/once.db" --mqtt-port "$port" \
	--mqtt-username bosaicast --mqtt-password-file "$work/broker/password" \
	--once-timeout 120 "${once[@]}" || true

echo "valgrind: $passed clean, ${#failed[@]} failed, $(($(date +%s) - start)) s"
if ((${#failed[@]})); then
	printf '  FAILED: %s\n' "${failed[@]}"
	exit 1
fi
