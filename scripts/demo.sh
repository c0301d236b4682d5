#!/usr/bin/env bash
# See bosaicast work, on a fresh Debian 12 machine, in one command:
# installs the packages, builds, starts a private mosquitto on a free
# loopback port (with the shipped ACL: only the broadcaster may write),
# subscribes like a resident, an embassy and a shelter would, runs
# `bosaicast run` over real JMA sample documents bundled in the repository,
# and prints what the subscribers received in ja, en, vi, ne and my.
#   scripts/demo.sh                 # the default documents
#   scripts/demo.sh FILE.xml...     # your own JMA documents
#   DEMO_LANGS=ja,en,vi,th scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc 2>/dev/null || echo 2)
langs=${DEMO_LANGS:-ja,en,vi,ne,my}

scripts/install-deps.sh
echo "== build =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs" --target bosaicast bc_sub >/dev/null

samples=tests/data/jmaxml/kuribo001-research_jmaxml_20260326_Samples
docs=("$@")
if [ ${#docs[@]} -eq 0 ]; then
  docs=(
    "$samples/15_16_03_241226_VPWW55.xml"   # level-4 heavy-rain warning, Soya (new 2026 format)
    "$samples/15_08_01_130412_VPWW53.xml"   # heavy-rain emergency warning, Nara (old format)
    tests/data/jmaxml/p2pquake-jmaxml-seis-parser-go/20210219091451_0_VXSE53_010000.xml  # real quake, Iwate
  )
fi

work=$(mktemp -d /tmp/bosaicast-demo.XXXXXX)
sub_pid=
cleanup() {
  [ -n "$sub_pid" ] && kill "$sub_pid" 2>/dev/null || true
  scripts/broker.sh stop "$work/broker" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== private broker =="
scripts/broker.sh start "$work/broker" >/dev/null
eval "$(scripts/broker.sh env "$work/broker")"
echo "mosquitto on 127.0.0.1:$BC_MQTT_PORT"

# Subscribers, anonymous (read-only): a resident of Wakkanai, every
# language's national feed (embassies), and the retained state.
build/tests/bc_sub -p "$BC_MQTT_PORT" \
  -t 'bosai/v1/alerts/+/#' \
  -t 'bosai/v1/areas/01/0121400/+/#' \
  -t 'bosai/v1/areas/29/2920100/+/#' \
  -t 'bosai/v1/areas/03/0321300/+/#' \
  -t 'bosai/v1/status' \
  -W 3000 -T 120000 --ready "$work/ready" >"$work/received.jsonl" &
sub_pid=$!
for _ in $(seq 100); do [ -s "$work/ready" ] && break; sleep 0.1; done
[ -s "$work/ready" ] || { echo "demo: subscriber did not start" >&2; exit 1; }

echo "== bosaicast run over ${#docs[@]} JMA documents =="
printf '%s\n' "$BC_MQTT_PASSWORD" >"$work/password"
chmod 600 "$work/password"
build/bosaicast run --once --db "$work/bosaicast.db" \
  --mqtt-port "$BC_MQTT_PORT" --mqtt-username "$BC_MQTT_USER" \
  --mqtt-password-file "$work/password" "${docs[@]}"
wait "$sub_pid" || true
sub_pid=

echo
echo "== what subscribers received ($langs) =="
python3 - "$work/received.jsonl" "$langs" <<'PY'
import json, sys
path, langs = sys.argv[1], sys.argv[2].split(",")
msgs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
by_topic = {}
print(f"{len(msgs)} messages received\n")
for m in msgs:
    t, p = m["topic"], m["payload"]
    if not isinstance(p, dict) or p.get("lang") not in langs:
        continue
    if "/alerts/" in t and p.get("kind") != "state":
        key = ("alert", p["id"])
    elif t.endswith("/state"):
        key = ("state", t.rsplit("/", 2)[0])
    elif "/areas/" in t:
        key = ("area", t.rsplit("/", 2)[0] + p["id"])
    else:
        continue
    by_topic.setdefault(key, []).append((t, p, m.get("retain")))
# Retained state is republished after every change: show the latest.
for key, items in by_topic.items():
    if key[0] == "state":
        last = {}
        for t, p, r in items:
            last[p["lang"]] = (t, p, r)
        by_topic[key] = list(last.values())
for (what, _), items in by_topic.items():
    t0 = items[0][0]
    if what == "alert":
        print(f"--- embassy feed: {t0.rsplit('/', 2)[0]}/{{lang}}/{t0.rsplit('/', 1)[1]}")
    elif what == "area":
        print(f"--- resident of {t0.split('/')[4]}: {t0.rsplit('/', 2)[0]}/{{lang}}/{t0.rsplit('/', 1)[1]}")
    else:
        print(f"--- retained state of {t0.split('/')[4]}")
        if all(not x[1]["alerts"] for x in items):
            print("  (an earthquake report leaves the state event_state_ttl = 1 h after JMA"
                  " issued it;\n   this one is from the past, so it was published but is no"
                  " longer in force)")
    for t, p, retain in sorted(items, key=lambda x: langs.index(x[1]["lang"])):
        if what == "state":
            heads = "; ".join(a["headline"] for a in p["alerts"]) or "(nothing in force)"
            print(f"  [{p['lang']}] {heads}")
        else:
            print(f"  [{p['lang']}] {p['headline']}")
            if what == "area":
                for line in p["body"].split("\n")[:3]:
                    print(f"        {line}")
                for a in p["actions"]:
                    print(f"        -> {a}")
    print()
status = [m for m in msgs if m["topic"].endswith("/status")]
if status:
    print("--- bosai/v1/status:", json.dumps(status[-1]["payload"], ensure_ascii=False))
PY
echo
echo "The broker log, the database and the raw messages were in $work (removed on exit)."
