#!/usr/bin/python3
"""End to end, as a subscriber sees it (issue 2's definition of done).

A real `bosaicast run` with a spool directory publishes to the fixture
mosquitto.  A JMA level-named warning document (VPWW55, Soya) dropped into
the spool must give, to anonymous subscribers:
  - on bosai/v1/areas/01/{city}/vi/warning, one Vietnamese message for each
    municipality the document warns, naming that municipality (JMA's
    Vietnamese name) and each warning it carries there (the dictionary's
    Vietnamese term), with level and severity of that place;
  - on bosai/v1/alerts/vi/warning, one message listing every municipality;
  - retained on bosai/v1/areas/01/{city}/vi/state, what is in force there;
  - retained on bosai/v1/status, online with the time of the last document;
    after SIGTERM, offline.
The expectations come from reading the XML here (ElementTree) and the data
files, not from bosaicast.  Every payload is checked against the schema and
for Japanese script.
"""
import os
import tempfile
import xml.etree.ElementTree as ET

from bclib import (CORPUS, SRC, Broker, Daemon, Sub, check, tsv_column, validate,
                   wait_until)

DOC = os.path.join(CORPUS, "kuribo001-research_jmaxml_20260326_Samples",
                   "15_16_03_241226_VPWW55.xml")
NS = {"b": "http://xml.kishou.go.jp/jmaxml1/body/meteorology1/"}


def expected_items():
    """{city: [(kind name, status)]} from the document's 市町村等 part."""
    root = ET.parse(DOC).getroot()
    out = {}
    for w in root.iter("{%s}Warning" % NS["b"]):
        if w.get("type") != "気象警報・注意報（市町村等）":
            continue
        for item in w.findall("b:Item", NS):
            code = item.find("b:Area/b:Code", NS).text
            for kind in item.findall("b:Kind", NS):
                out.setdefault(code, []).append(
                    (kind.find("b:Name", NS).text, kind.find("b:Status", NS).text))
    return out


def main():
    broker = Broker()
    vi_city = tsv_column(os.path.join(SRC, "data/places/city.tsv"), "code", "vi")
    vi_term = tsv_column(os.path.join(SRC, "dictionaries/weather_warning.tsv"), "ja", "vi")
    want = expected_items()
    check(len(want) == 10, f"the document warns 10 municipalities, parsed {len(want)}")

    work = tempfile.mkdtemp(prefix="bc-e2e-")
    sub = Sub(broker, ["bosai/v1/areas/01/+/vi/#", "bosai/v1/alerts/vi/#"])
    d = Daemon(broker, work).start()
    wait_until(lambda: "bosaicast started" in d.log_text(), 10, "daemon start")
    d.drop(DOC)
    # 1 nationwide + one per municipality + one state per municipality
    n_expected = 1 + 2 * len(want)
    sub.wait_for(lambda m: len(m) >= n_expected, 60, f"{n_expected} Vietnamese messages")

    msgs = sub.stop()
    validate(msgs)
    area = {m["topic"].split("/")[4]: m for m in msgs if m["topic"].endswith("/vi/warning")
            and "/areas/" in m["topic"]}
    check(set(area) == set(want), f"messages for {sorted(area)}, want {sorted(want)}")
    for city, items in want.items():
        m = area[city]
        p = m["payload"]
        check(m["user"] == {"lang": "vi", "kind": "warning", "id": p["id"]},
              f"{city}: user properties {m['user']}")
        check(m["content_type"] == "application/json", f"{city}: content type")
        check(p["lang"] == "vi" and p["areas"][0]["code"] == city, f"{city}: lang/areas")
        # (a headline starts with a capital: "Thành phố Wakkanai: …")
        check(vi_city[city].lower() in p["headline"].lower(),
              f"{city}: headline {p['headline']!r} lacks {vi_city[city]!r}")
        for name, status in items:
            check(vi_term[name] in p["body"], f"{city}: body lacks {vi_term[name]!r} ({name}): {p['body']!r}")
        top = max(int(n[3]) if n.startswith("レベル") else 0 for n, _ in items)
        check(p["level"] == (top or None), f"{city}: level {p['level']} want {top}")
        check(p["actions"], f"{city}: no recommended action")
    wakkanai = area["0121400"]["payload"]
    check(wakkanai["severity"] == "severe" and wakkanai["level"] == 4, "Wakkanai level 4 severe")
    check("cấp độ 3" in wakkanai["body"], "Wakkanai: the upgrade from level 3 is said")

    national = [m for m in msgs if m["topic"] == "bosai/v1/alerts/vi/warning"]
    check(len(national) == 1, f"{len(national)} nationwide messages")
    check({a["code"] for a in national[0]["payload"]["areas"]} == set(want),
          "nationwide message lists every municipality")

    # A signage screen booting now: retained state, then the heartbeat.
    late = Sub(broker, ["bosai/v1/areas/01/0121400/vi/state", "bosai/v1/status"])
    late.wait_for(lambda m: len(m) >= 2, 10, "retained state and status")
    got = late.stop()
    state = [m for m in got if m["topic"].endswith("/state")][0]
    check(state["retain"], "state is retained")
    alerts = state["payload"]["alerts"]
    check(len(alerts) == 1 and alerts[0]["level"] == 4 and alerts[0]["kind"] == "warning",
          f"state of Wakkanai: {alerts}")
    status = [m for m in got if m["topic"] == "bosai/v1/status"][0]["payload"]
    check(status["online"] and status["lastDocument"] == "2020-06-22T23:00:00+09:00",
          f"status {status}")
    validate(got)

    check(d.stop() == 0, "daemon exits 0 on SIGTERM")
    after = Sub(broker, ["bosai/v1/status"])
    after.wait_for(lambda m: len(m) >= 1, 10, "status after stop")
    check(after.stop()[0]["payload"]["online"] is False, "status says offline after a stop")
    check(os.path.exists(os.path.join(d.spool, "done", os.path.basename(DOC))),
          "document moved to done/")
    print(f"e2e: {len(msgs)} messages checked; state, status and spool as expected")


if __name__ == "__main__":
    main()
