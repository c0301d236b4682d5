#!/usr/bin/python3
"""Alert lifecycle (DESIGN §7), against the real broker, as subscribers see it.

Sequences are built from real JMA documents (tests/data/jmaxml): the
2008 Iwate–Miyagi earthquake's VXSE53 serials 1-3 and JMA's cancellation of
serial 3, a drill (訓練) VXSE53, a level-4 heavy-rain warning; where JMA
published no such document (a correction of a quake, a later warning
lifting an earlier one, a report valid for seconds) a copy is edited, and
the test says how.  Dates of the quake documents are moved to today so
that their state has not expired before it can be checked.

  order      serial 1, 3, then 2 (late): 2 is recorded, never announced,
             never overwrites state; a resent serial 1 is a duplicate.
  correction 訂正 replaces the report it corrects (msgType correction,
             state now carries the correction's id).
  cancel     取消 of serial 3: an explicit cancellation on the nationwide
             topic AND on every municipality's topic that had it; the state
             of those places is republished without it (empty).
  lifted     a later warning lifting Wakkanai's: "lifted" said explicitly,
             state of Wakkanai emptied, other places keep theirs.
  expiry     an item with a validity end leaves state on time.
  drill      訓練 never appears under bosai/v1; with exercises off nowhere,
             with them on only under bosai-exercise/v1, marked.
"""
import datetime
import os
import re
import tempfile
import time

from bclib import (CORPUS, Broker, Daemon, Sub, check, fail, validate,
                   wait_until)

SAMPLES = os.path.join(CORPUS, "kuribo001-research_jmaxml_20260326_Samples")
LANGS = "en,vi"
TODAY = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9)))


def quake(name, **edit):
    """A copy of an Iwate–Miyagi document, moved to today, optionally
    edited (infotype=, report_time=)."""
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        text = f.read()
    text = text.replace("2008-06-14", TODAY.strftime("%Y-%m-%d"))
    if "infotype" in edit:
        text = re.sub(r"<InfoType>[^<]*</InfoType>",
                      f"<InfoType>{edit['infotype']}</InfoType>", text, count=1)
    if "report_time" in edit:
        text = re.sub(r"<ReportDateTime>[^<]*</ReportDateTime>",
                      f"<ReportDateTime>{edit['report_time']}</ReportDateTime>", text, count=1)
    return text


def write(work, name, text):
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def ids_on(msgs, pred=lambda t: True):
    return {m["payload"].get("id") for m in msgs if pred(m["topic"]) and isinstance(m["payload"], dict)}


def payload_id(path):
    """The id bosaicast gives a document (render is independent of state)."""
    import subprocess
    from bclib import BIN
    out = subprocess.run([BIN, "render", "--lang", "en", path], capture_output=True,
                         text=True, check=True).stdout.splitlines()[0]
    import json
    return json.loads(out)["id"]


def settle(sub, quiet_s=1.0, timeout=30):
    """Wait until no message arrived for quiet_s."""
    last = [-1, time.monotonic()]

    def quiet(msgs):
        if len(msgs) != last[0]:
            last[0], last[1] = len(msgs), time.monotonic()
            return False
        return time.monotonic() - last[1] >= quiet_s
    sub.wait_for(quiet, timeout, "the stream to settle")


def state_of(msgs, city, lang="en"):
    """The latest state payload of a place seen in msgs."""
    st = [m["payload"] for m in msgs if m["topic"] == f"bosai/v1/areas/{city[:2]}/{city}/{lang}/state"]
    return st[-1] if st else None


def test_quake_sequence(broker):
    work = tempfile.mkdtemp(prefix="bc-life-")
    s1 = write(work, "s1.xml", quake("32-35_06_03_240613_VXSE53.xml"))
    s2 = write(work, "s2.xml", quake("32-35_06_04_240613_VXSE53.xml"))
    s3 = write(work, "s3.xml", quake("32-35_06_05_240613_VXSE53.xml"))
    # Made up: JMA corrects serial 3 (same serial, later report time).
    t = TODAY.strftime("%Y-%m-%d") + "T09:03:00+09:00"
    s3c = write(work, "s3c.xml", quake("32-35_06_05_240613_VXSE53.xml", infotype="訂正",
                                        report_time=t))
    cancel = write(work, "cancel.xml", quake("32-35_06_06_100915_VXSE53.xml"))
    id1, id2, id3, id3c, idx = map(payload_id, (s1, s2, s3, s3c, cancel))
    check(len({id1, id2, id3, id3c, idx}) == 5, "distinct ids for distinct reports")

    sub = Sub(broker, ["bosai/v1/alerts/#", "bosai/v1/areas/#"])
    d = Daemon(broker, work, extra=["--languages", LANGS, "--quake-state-ttl", "604800"]).start()
    wait_until(lambda: "bosaicast started" in d.log_text(), 10, "daemon start")

    d.drop(s1)
    settle(sub)
    m1 = sub.messages()
    cities = {m["topic"].split("/")[4] for m in m1 if m["topic"].endswith("/en/quake")
              and "/areas/" in m["topic"]}
    check(len(cities) > 100, f"serial 1 reached {len(cities)} municipalities")
    city = "0420500"  # 栗原市, intensity 6+ in this earthquake
    check(city in cities, "Kurihara gets serial 1")
    check(state_of(m1, city)["alerts"][0]["id"] == id1, "state carries serial 1")

    d.drop(s3)
    settle(sub)
    check(state_of(sub.messages(), city)["alerts"][0]["id"] == id3, "state carries serial 3")

    n_before = len(sub.messages())
    d.drop(s2)                       # late: older serial than one published
    d.drop(s1, name="s1-again.xml")  # the same document again
    wait_until(lambda: d.log_text().count("done") >= 0 and
               "older than a report already published" in d.log_text() and
               "duplicate of a document already seen" in d.log_text(), 10,
               "stale and duplicate verdicts")
    settle(sub)
    m = sub.messages()
    check(len(m) == n_before, f"late/duplicate reports produced {len(m) - n_before} messages")
    check(id2 not in ids_on(m), "serial 2 (late) was never announced")
    check(state_of(m, city)["alerts"][0]["id"] == id3, "serial 2 did not overwrite state")

    d.drop(s3c)                      # correction replaces serial 3
    settle(sub)
    m = sub.messages()
    corr = [x for x in m if x["payload"].get("id") == id3c and "/alerts/en/" in x["topic"]]
    check(corr and corr[0]["payload"]["msgType"] == "correction", "correction announced as such")
    check(state_of(m, city)["alerts"][0]["id"] == id3c, "state now carries the correction")

    n_before = len(m)
    d.drop(cancel)                   # JMA withdraws the report
    settle(sub)
    m = sub.messages()[n_before:]
    nat = [x for x in m if x["topic"] == "bosai/v1/alerts/en/quake"]
    check(len(nat) == 1 and nat[0]["payload"]["msgType"] == "cancel", "nationwide cancellation")
    area_cancel = {x["topic"].split("/")[4] for x in m if x["topic"].endswith("/en/quake")
                   and "/areas/" in x["topic"] and x["payload"]["msgType"] == "cancel"}
    check(area_cancel == cities | area_cancel and city in area_cancel and len(area_cancel) >= len(cities),
          f"cancellation reached {len(area_cancel)} of {len(cities)} places")
    st = state_of(m, city)
    check(st is not None and st["alerts"] == [], f"state after cancellation: {st}")
    validate(sub.stop())
    check(d.stop() == 0, "daemon stops cleanly")
    print(f"quake sequence: serial 1 to {len(cities)} places; late serial 2 and a duplicate "
          f"not announced; correction and cancellation announced to all; state empty at the end")


def test_lifted(broker):
    work = tempfile.mkdtemp(prefix="bc-life-")
    src = os.path.join(SAMPLES, "15_16_03_241226_VPWW55.xml")
    with open(src, encoding="utf-8") as f:
        text = f.read()
    # Made up: six hours later, Wakkanai's warning is lifted (JMA's
    # samples have no later report for this office).
    later = text.replace("2020-06-22T23:00:00+09:00", "2020-06-23T05:00:00+09:00")
    body = later.index('<Warning type="気象警報・注意報（市町村等）">')
    i = later.index("<Code>0121400</Code>", body)
    start = later.rindex("<Item>", body, i)
    end = later.index("</Item>", i)
    item = later[start:end]
    item = item.replace("<Status>発表</Status>", "<Status>解除</Status>")
    later = later[:start] + item + later[end:]
    lift = write(work, "lift.xml", later)

    sub = Sub(broker, ["bosai/v1/areas/01/+/en/#"])
    d = Daemon(broker, work, extra=["--languages", LANGS]).start()
    d.drop(src)
    settle(sub)
    check(state_of(sub.messages(), "0121400")["alerts"], "Wakkanai under warning")
    n = len(sub.messages())
    d.drop(lift)
    settle(sub)
    m = sub.messages()[n:]
    w = [x["payload"] for x in m if x["topic"] == "bosai/v1/areas/01/0121400/en/warning"]
    check(w and "lifted" in w[0]["headline"].lower() + w[0]["body"].lower(),
          f"lifting said explicitly: {w[0]['headline'] if w else None}")
    check(state_of(m, "0121400")["alerts"] == [], "Wakkanai's state is empty")
    other = state_of(m, "0151100")  # 猿払村 still under a level-3 warning
    check(other and other["alerts"] and other["alerts"][0]["level"] == 3, f"Sarufutsu keeps its warning: {other}")
    validate(sub.stop())
    d.stop()
    print("lifted: said explicitly, state emptied where lifted, kept elsewhere")


def test_expiry(broker):
    work = tempfile.mkdtemp(prefix="bc-life-")
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9)))
    stamp = now.strftime("%Y-%m-%dT%H:%M:%S+09:00")
    # Made up: a quake report issued now; its state lives 3 s.
    doc = write(work, "q.xml", quake("32-35_06_03_240613_VXSE53.xml", report_time=stamp))
    sub = Sub(broker, ["bosai/v1/areas/04/0420500/en/state"])
    d = Daemon(broker, work, extra=["--languages", "en", "--quake-state-ttl", "3"]).start()
    d.drop(doc)
    sub.wait_for(lambda m: m and m[-1]["payload"]["alerts"], 10, "state with the quake")
    t0 = time.monotonic()
    sub.wait_for(lambda m: m and m[-1]["payload"]["alerts"] == [], 10, "state expired")
    took = time.monotonic() - t0
    check(took <= 6, f"expired after {took:.1f}s, validity 3 s")
    sub.stop()
    d.stop()
    print(f"expiry: state emptied {took:.1f} s after publication (validity 3 s)")


def test_drill(broker):
    drill = os.path.join(SAMPLES, "32-35_01_03_240613_VXSE53.xml")
    for exercise in ("off", "on"):
        work = tempfile.mkdtemp(prefix="bc-life-")
        sub = Sub(broker, ["bosai/v1/alerts/#", "bosai/v1/areas/#", "bosai-exercise/v1/#"])
        stat = Sub(broker, ["bosai/v1/status"])
        d = Daemon(broker, work, extra=["--languages", LANGS, "--exercise", exercise]).start()
        d.drop(drill)
        wait_until(lambda: os.path.exists(os.path.join(d.spool, "done", os.path.basename(drill))),
                   10, "drill processed")
        settle(sub)
        m = sub.stop()
        status = [x["payload"] for x in stat.stop()]
        d.stop()
        # Retained messages of earlier tests arrive at subscription time
        # with the retain flag; anything published now arrives without.
        live = [x for x in m if x["topic"].startswith("bosai/v1/") and not x["retain"]]
        ex = [x for x in m if x["topic"].startswith("bosai-exercise/") and not x["retain"]]
        check(not live, f"a drill reached the live root: {live[:1]}")
        if exercise == "off":
            check(not ex, "exercises off: nothing published")
            check("exercises are off" in d.log_text(), "the log says why")
        else:
            check(ex, "exercises on: published under the exercise root")
            for x in ex:
                p = x["payload"]
                if p.get("kind") == "state":
                    continue
                check(p["status"] == "exercise", f"{x['topic']}: status {p['status']}")
                check(p["headline"].startswith("["), f"{x['topic']}: unmarked headline {p['headline']!r}")
            validate(ex)
            check(status and status[-1].get("exercise") is True, "status says exercises are on")
    print("drill: never under bosai/v1; nowhere when off; under bosai-exercise/v1, marked, when on")


def main():
    broker = Broker()
    test_quake_sequence(broker)
    test_lifted(broker)
    test_expiry(broker)
    test_drill(broker)


if __name__ == "__main__":
    main()
