#!/usr/bin/python3
"""Delivery guarantees (DESIGN §8), measured with the real broker.

  burst     40 reports of one event dropped out of order at ~20/s (as EEW
            can arrive): no report is ever announced after a newer one, and
            the state ends on the newest.
  broker    the broker stops in the middle of a burst and comes back: every
            message reaches a subscriber (persistent session), none lost.
  kill9     bosaicast is killed with SIGKILL in the middle of a burst and
            restarted: nothing lost, nothing announced under a new id.
  acl       an anonymous client publishing under bosai/ is refused.
  tls       the broadcaster connects over TLS with a local CA; with the
            wrong CA it refuses to connect and says so.
Prints published vs received for the restart and the kill.
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time

from bclib import (BIN, CORPUS, Broker, Daemon, Sub, check, validate,
                   wait_until)

LANGS = "all"


def documents(n):
    """n warning documents of distinct streams (type, office, title), so
    that none makes another stale."""
    seen, out = set(), []
    for folder in ("kuribo001-research_jmaxml_20260326_Samples", "MIERUNE-jmaxml"):
        for name in sorted(os.listdir(os.path.join(CORPUS, folder))):
            m = re.search(r"_(VPWW5[3-9]|VPWW6[01])\.xml$", name)
            if not m:
                continue
            path = os.path.join(CORPUS, folder, name)
            text = open(path, encoding="utf-8").read()
            office = re.search(r"<PublishingOffice>([^<]*)", text).group(1)
            title = re.findall(r"<Title>([^<]*)", text)[1]
            key = (m.group(1), office, title)
            if key in seen:
                continue
            seen.add(key)
            out.append(path)
            if len(out) == n:
                return out
    return out


def expected(paths, langs=LANGS):
    """Every (topic, id) the documents give, from `bosaicast render`."""
    want = set()
    for p in paths:
        out = subprocess.run([BIN, "render", "--topics", "--lang", langs, p],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            topic, payload = line.split("\t", 1)
            want.add((topic, json.loads(payload)["id"]))
    return want


def received(msgs):
    got, dupes = set(), 0
    for m in msgs:
        p = m["payload"]
        if not isinstance(p, dict) or p.get("kind") in ("state", "status"):
            continue
        key = (m["topic"], p["id"])
        dupes += key in got
        got.add(key)
    return got, dupes


def queued(daemon):
    return sum(int(x) for x in re.findall(r"(\d+) messages queued", daemon.log_text()))


def test_out_of_order(broker):
    work = tempfile.mkdtemp(prefix="bc-rel-")
    src = os.path.join(CORPUS, "p2pquake-jmaxml-seis-parser-go",
                       "20210219091451_0_VXSE53_010000.xml")
    text = open(src, encoding="utf-8").read()
    base = time.time() - 3600
    docs = []
    for serial in range(1, 41):
        t = time.strftime("%Y-%m-%dT%H:%M:%S+09:00", time.gmtime(base + 9 * 3600 + serial))
        d = re.sub(r"<Serial>[^<]*</Serial>", f"<Serial>{serial}</Serial>", text, count=1)
        d = re.sub(r"<ReportDateTime>[^<]*</ReportDateTime>",
                   f"<ReportDateTime>{t}</ReportDateTime>", d, count=1)
        path = os.path.join(work, f"s{serial:02d}.xml")
        open(path, "w", encoding="utf-8").write(d)
        docs.append(path)
    order = docs[:]
    random.Random(7).shuffle(order)
    sub = Sub(broker, ["bosai/v1/alerts/en/quake", "bosai/v1/areas/03/0321300/en/state"])
    d = Daemon(broker, work, extra=["--languages", "en", "--quake-state-ttl", "604800"]).start()
    wait_until(lambda: "bosaicast started" in d.log_text(), 10, "daemon start")
    t0 = time.monotonic()
    for i, p in enumerate(order):
        d.drop(p, wait=False)
        time.sleep(max(0, t0 + (i + 1) / 20 - time.monotonic()))  # 20 reports/s
    wait_until(lambda: len(os.listdir(os.path.join(d.spool, "done"))) >= 40, 30, "40 processed")
    time.sleep(1)
    msgs = sub.stop()
    d.stop()
    serial_of = {}
    for p in docs:
        out = subprocess.run([BIN, "render", "--lang", "en", p], capture_output=True,
                             text=True, check=True).stdout.splitlines()[0]
        j = json.loads(out)
        serial_of[j["id"]] = j["jma"]["serial"]
    announced = [serial_of[m["payload"]["id"]] for m in msgs if m["topic"].endswith("/quake")]
    check(announced == sorted(announced) and len(set(announced)) == len(announced),
          f"announced out of order: {announced}")
    check(announced[-1] == 40, "the newest report was announced")
    state = [m["payload"] for m in msgs if m["topic"].endswith("/state")][-1]
    check(serial_of[state["alerts"][0]["id"]] == 40, "state ends on the newest report")
    print(f"burst: 40 reports at 20/s in random order; announced {len(announced)} "
          f"(each newer than the last), the rest recorded as stale; state on serial 40")


def wait_all(sub, want, timeout):
    def done(msgs):
        return want <= received(msgs)[0]
    try:
        sub.wait_for(done, timeout, "every message")
    except SystemExit:
        got, _ = received(sub.messages())
        print(f"missing {len(want - got)} of {len(want)}: {sorted(want - got)[:5]}")
        raise


def test_broker_restart():
    bdir = tempfile.mkdtemp(prefix="bc-rel-broker-")
    open(os.path.join(bdir, "persist"), "w").close()
    broker = Broker(bdir)
    work = tempfile.mkdtemp(prefix="bc-rel-")
    docs = documents(12)
    want = expected(docs)
    sub = PersistentSub(broker)
    d = Daemon(broker, work, extra=["--languages", LANGS]).start()
    for p in docs:
        d.drop(p, wait=False)
    sub.wait_for(lambda m: len(m) >= len(want) // 5, 60, "a fifth of the burst")
    broker.stop()
    at_stop = len(sub.messages())
    time.sleep(2)
    broker.resume()
    wait_all(sub, want, 120)
    time.sleep(1)
    msgs = sub.stop()
    got, dupes = received(msgs)
    n_queued = queued(d)
    d.stop()
    broker.stop()
    validate(msgs)
    check(got == want, f"received {len(got)} distinct, expected {len(want)}")
    print(f"broker restart: bosaicast queued {n_queued} messages ({len(want)} alert/area, "
          f"the rest retained state); broker stopped after {at_stop} had arrived, back 2 s "
          f"later; subscriber received {len(got)} of {len(want)} alert/area messages "
          f"({dupes} duplicates, deduped by id), 0 lost")


class PersistentSub(Sub):
    def __init__(self, broker):
        import bclib
        self.dir = tempfile.mkdtemp(prefix="bc-sub-")
        self.out = os.path.join(self.dir, "messages.jsonl")
        self.err = os.path.join(self.dir, "stderr")
        ready = os.path.join(self.dir, "ready")
        cmd = [bclib.SUB, "-p", str(broker.port), "-T", "300000", "-i",
               f"bc-rel-{os.getpid()}-{random.randint(0, 1 << 30)}", "--session", "--reconnect",
               "-t", "bosai/v1/alerts/#", "-t", "bosai/v1/areas/#", "--ready", ready]
        self.proc = subprocess.Popen(cmd, stdout=open(self.out, "w"), stderr=open(self.err, "w"),
                                     preexec_fn=bclib._die_with_parent)
        bclib._started.append(self)
        wait_until(lambda: os.path.exists(ready), 10, "persistent subscriber ready")


def test_kill9():
    bdir = tempfile.mkdtemp(prefix="bc-rel-broker-")
    broker = Broker(bdir)
    work = tempfile.mkdtemp(prefix="bc-rel-")
    docs = documents(12)
    want = expected(docs)
    sub = PersistentSub(broker)
    d = Daemon(broker, work, extra=["--languages", LANGS]).start()
    for p in docs:
        d.drop(p, wait=False)
    sub.wait_for(lambda m: len(m) >= len(want) // 3, 60, "a third of the burst")
    d.stop(signal.SIGKILL)
    at_kill = len(sub.messages())
    n1 = queued(d)
    d2 = Daemon(broker, work, extra=["--languages", LANGS])
    d2.log = d.log + ".2"
    d2.start()
    wait_all(sub, want, 120)
    time.sleep(1)
    msgs = sub.stop()
    got, dupes = received(msgs)
    extra = got - want
    d2.stop()
    broker.stop()
    validate(msgs)
    check(not extra, f"announced under ids not in the documents: {sorted(extra)[:3]}")
    check(got == want, f"received {len(got)}, expected {len(want)}")
    log2 = d2.log_text()
    reingested = len(re.findall(r"messages queued", log2))
    print(f"kill -9: killed after {at_kill} messages had arrived ({n1} queued by then); "
          f"restarted: {reingested} documents newly queued after the restart, the others "
          f"resumed from the outbox; received {len(got)} of {len(want)} distinct alert/area "
          f"messages ({dupes} duplicates, deduped by id), 0 lost, 0 new ids")


def test_acl(broker):
    sub = Sub(broker, ["bosai/v1/alerts/en/quake"])

    def publish(*auth, text):
        return subprocess.run(["mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                               "-p", str(broker.port), "-q", "1", *auth,
                               "-t", "bosai/v1/alerts/en/quake", "-m", text],
                              capture_output=True, text=True, timeout=30)
    r = publish(text='{"fake":true}')
    refusal = (r.stderr or r.stdout).strip()
    check("not authori" in refusal.lower(),
          f"the broker did not refuse the anonymous publish: exit {r.returncode} {refusal!r}")
    # Control: the broadcaster's publish on the same topic does arrive,
    # so the subscriber would have seen the fake one.
    ok = publish("-u", "bosaicast", "-P", broker.password, text='{"control":true}')
    check(ok.returncode == 0, f"broadcaster's publish failed: {ok.stderr!r}")
    sub.wait_for(lambda m: any("control" in json.dumps(x["payload"]) for x in m), 10,
                 "the broadcaster's control message")
    msgs = sub.stop()
    check(not any("fake" in json.dumps(m["payload"]) for m in msgs),
          "an anonymous publish under bosai/ reached a subscriber")
    print(f"acl: anonymous publish refused ({refusal[:60]!r}), subscriber saw nothing; "
          "the broadcaster's control publish arrived")


def make_ca(d, name):
    def run(*a):
        subprocess.run(a, check=True, capture_output=True)
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", f"/CN={name}", "-keyout", f"{d}/{name}.key", "-out", f"{d}/{name}.crt")


def test_tls():
    bdir = tempfile.mkdtemp(prefix="bc-rel-broker-")
    tls = os.path.join(bdir, "tls")
    os.makedirs(tls)
    make_ca(tls, "ca")
    make_ca(tls, "other-ca")
    subprocess.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                    "-keyout", f"{tls}/server.key", "-out", f"{tls}/server.csr"],
                   check=True, capture_output=True)
    ext = os.path.join(tls, "ext")
    open(ext, "w").write("subjectAltName=IP:127.0.0.1\n")
    subprocess.run(["openssl", "x509", "-req", "-in", f"{tls}/server.csr", "-CA", f"{tls}/ca.crt",
                    "-CAkey", f"{tls}/ca.key", "-CAcreateserial", "-days", "2",
                    "-extfile", ext, "-out", f"{tls}/server.crt"], check=True, capture_output=True)
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    tls_port = s.getsockname()[1]
    s.close()
    open(os.path.join(tls, "tls-port"), "w").write(str(tls_port))
    broker = Broker(bdir)
    doc = os.path.join(CORPUS, "kuribo001-research_jmaxml_20260326_Samples",
                       "15_16_03_241226_VPWW55.xml")
    for ca, ok in ((f"{tls}/ca.crt", True), (f"{tls}/other-ca.crt", False)):
        work = tempfile.mkdtemp(prefix="bc-rel-")
        sub = Sub(broker, ["bosai/v1/alerts/en/warning"])
        d = Daemon(broker, work, extra=["--languages", "en", "--mqtt-tls-ca", ca])
        d.cmd[d.cmd.index("--mqtt-port") + 1] = str(tls_port)
        d.start()
        d.drop(doc)
        if ok:
            sub.wait_for(lambda m: len(m) >= 1, 20, "the warning over TLS")
        else:
            wait_until(lambda: "certificate" in d.log_text().lower() or
                       "tls" in d.log_text().lower(), 20, "a TLS error in the log")
            time.sleep(1)
        msgs = sub.stop()
        d.stop()
        if ok:
            check(msgs, "published over TLS")
        else:
            check(not msgs, "published despite a wrong CA")
            line = [l for l in d.log_text().splitlines() if "tls" in l.lower() or "certif" in l.lower()]
            print(f"tls: wrong CA refused: {line[0][:140] if line else '?'}")
    broker.stop()
    print("tls: published over TLS with the local CA; refused with another CA")


def main():
    broker = Broker()
    test_out_of_order(broker)
    test_acl(broker)
    test_broker_restart()
    test_kill9()
    test_tls()


if __name__ == "__main__":
    main()
