#!/usr/bin/env bash
# bench/run.sh — bosaicast's benchmark (DESIGN §10), one command, one report.
#
#   bench/run.sh                 # everything, as recorded in BENCHMARKS.md
#   BENCH_QUICK=1 bench/run.sh   # fewer runs (a smoke test, ~1 minute)
#
# Installs what scripts/install-deps.sh installs and nothing else, builds a
# Release tree in build-bench/, starts its own private broker
# (scripts/broker.sh, a free loopback port), and measures against it:
#
#   render    the JMA corpus (tests/data/jmaxml, every document bosaicast
#             broadcasts) in 16 languages vs libxml2 alone on the same bytes
#   latency   spool drop (atomic rename) → a subscriber has every message,
#             for one municipality's warning and for a warning in all 1,901
#             municipalities, through a real `bosaicast run`
#   publish   bosaicast's outbox drain vs a bare libmosquitto QoS 1
#             publisher: same messages, same window, same broker
#   memory    the daemon's peak RSS (VmHWM) after the nationwide fan-out,
#             and its start-up time
#
# Everything it writes lives in a temporary directory, removed at the end;
# the report goes to stdout (and the raw figures to $BENCH_OUT if set).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc 2>/dev/null || echo 2)

runs_one=${BENCH_RUNS_ONE:-200}
runs_nation=${BENCH_RUNS_NATION:-20}
render_rounds=${BENCH_RENDER_ROUNDS:-5}
pub_rounds=${BENCH_PUB_ROUNDS:-3}
if [[ -n ${BENCH_QUICK:-} ]]; then
	runs_one=30 runs_nation=3 render_rounds=2 pub_rounds=1
fi

scripts/install-deps.sh >&2

echo "== build (Release, build-bench/) ==" >&2
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBC_TESTS=OFF >/dev/null
cmake --build build-bench -j"$jobs" --target bosaicast bc_bench >&2
bin=$root/build-bench/bosaicast
bench=$root/build-bench/bench/bc_bench
export BOSAICAST_DATA_DIR=$root

work=$(mktemp -d "${TMPDIR:-/tmp}/bc-bench.XXXXXX")
daemon_pid=
cleanup() {
	[[ -n $daemon_pid ]] && kill "$daemon_pid" 2>/dev/null || true
	scripts/broker.sh stop "$work/broker" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
raw=$work/figures.txt
# A busy machine makes every figure worse: say how busy it was.
echo "machine.loadavg_start $(cut -d' ' -f1-3 /proc/loadavg)" >"$raw"

echo "== documents ==" >&2
src=tests/data/jmaxml/kuribo001-research_jmaxml_20260326_Samples/15_16_03_241226_VPWW55.xml
python3 bench/mkdoc.py one "$src" data/places/city.tsv "$work/one" \
	$((runs_one + 1))
python3 bench/mkdoc.py nation "$src" data/places/city.tsv "$work/nation" \
	$((runs_nation + 1))

echo "== render throughput ==" >&2
"$bench" render --rounds "$render_rounds" tests/data/jmaxml \
	2>"$work/render.err" | tee -a "$raw" >&2

echo "== broker ==" >&2
scripts/broker.sh start "$work/broker" >&2
port=$(<"$work/broker/port")
broker_pid=$(<"$work/broker/pid")
mqtt=(--port "$port" --user bosaicast --password-file "$work/broker/password")
mkdir -p "$work/spool"
daemon=("$bin" run --db "$work/bosaicast.db" --spool-dir "$work/spool"
	--mqtt-port "$port" --mqtt-username bosaicast
	--mqtt-password-file "$work/broker/password" --log-level warn)

echo "== latency, start-up, memory ==" >&2
"$bench" e2e "${mqtt[@]}" --spool "$work/spool" --one "$work/one" \
	--nation "$work/nation" --runs-one "$runs_one" \
	--runs-nation "$runs_nation" --broker-pid "$broker_pid" \
	-- "${daemon[@]}" 2>"$work/e2e.err" | tee -a "$raw" >&2 || {
	cat "$work/e2e.err" >&2
	exit 1
}

echo "== publish rate ==" >&2
"$bench" fill --db "$work/outbox.db" \
	"$work/nation/bench-nation-0000_VPWW55.xml" | tee -a "$raw" >&2
"$bench" pubrate "${mqtt[@]}" --db "$work/outbox.db" \
	--daemon-db "$work/once.db" --rounds "$pub_rounds" \
	--broker-pid "$broker_pid" -- \
	"$bin" run --once --db "$work/once.db" --mqtt-port "$port" \
	--mqtt-username bosaicast --mqtt-password-file "$work/broker/password" \
	--log-level warn 2>"$work/pub.err" | tee -a "$raw" >&2 || {
	cat "$work/pub.err" >&2
	exit 1
}

# Start-up without a broker: load the data, render one document, exit.
t0=$(date +%s%N)
"$bin" render "$work/one/bench-one-0000_VPWW55.xml" >/dev/null
echo "startup.render_one_ms $(( ($(date +%s%N) - t0) / 1000000 ))" >>"$raw"

echo "machine.loadavg_end $(cut -d' ' -f1-3 /proc/loadavg)" >>"$raw"
[[ -n ${BENCH_OUT:-} ]] && cp "$raw" "$BENCH_OUT"
python3 bench/report.py "$raw" "bench/run.sh${BENCH_QUICK:+ (BENCH_QUICK=1)}"
