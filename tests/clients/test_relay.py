#!/usr/bin/env python3
"""bosaicast-relay against a local HTTP receiver and a real broker.

The relay forwards English alerts nationwide (bosai/v1/alerts/en/#) to a
webhook on 127.0.0.1 and to a JSON-lines file.  Alerts are real payloads
rendered by `bosaicast render --topics` from JMA documents and published
with mosquitto_pub as the broadcaster.  Checked:

  - each alert reaches the webhook once, byte for byte as published, with
    its id in X-Bosaicast-Id and Idempotency-Key;
  - a webhook answering 500 twice gets the alert on the third attempt;
  - the same alert published twice is forwarded once;
  - area messages and other languages are not forwarded;
  - after a restart (SIGTERM, status 0): an alert published while the relay
    was down is delivered (the broker kept its session), and alerts
    published again are not forwarded again;
  - the file has one line per alert, no duplicates.

usage: test_relay.py RELAY_BINARY   (BC_BIN, BC_SOURCE_DIR in the env)
"""
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bcclients as bc  # noqa: E402

checks = {"passed": 0, "failed": 0}


def ok(cond, what):
    if cond:
        checks["passed"] += 1
        bc.log("ok   " + what)
    else:
        checks["failed"] += 1
        bc.log("FAIL " + what)
        raise AssertionError(what)


class Receiver(http.server.ThreadingHTTPServer):
    """Records every POST; fails the first `fail_first` requests of the
    ids in `flaky` with HTTP 500."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.requests = []          # (id, status, headers, body)
        self.flaky = {}             # id -> failures still to give
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def delivered(self, aid):
        with self.lock:
            return [r for r in self.requests if r[0] == aid and r[1] == 200]

    def attempts(self, aid):
        with self.lock:
            return [r for r in self.requests if r[0] == aid]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        aid = self.headers.get("X-Bosaicast-Id", "")
        srv = self.server
        with srv.lock:
            status = 200
            if srv.flaky.get(aid, 0) > 0:
                srv.flaky[aid] -= 1
                status = 500
            srv.requests.append((aid, status, dict(self.headers), body))
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, fmt, *args):
        pass


def national(doc, lang):
    """The one nationwide message of a document in lang."""
    out = [(t, p) for t, p in bc.rendered(doc, langs=[lang])
           if t.startswith("bosai/v1/alerts/%s/" % lang)]
    assert len(out) == 1, "expected one national message, got %d" % len(out)
    return out[0]


class Relay:
    def __init__(self, binary, args, log_path):
        self.log_path = log_path
        self.logf = open(log_path, "ab")
        self.p = subprocess.Popen([binary] + args, stdout=self.logf,
                                  stderr=self.logf)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(15)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait(5)
        self.logf.close()
        return self.p.returncode


def main():
    relay_bin = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="bc-relay-")
    broker = bc.Broker()
    recv = Receiver()
    relay = None
    try:
        url = "http://127.0.0.1:%d/hook" % recv.server_address[1]
        out = os.path.join(tmp, "alerts.jsonl")
        log_path = os.path.join(tmp, "relay.log")
        args = ["--lang", "en", "--webhook", url, "--file", out,
                "--state", os.path.join(tmp, "relay.db"),
                "--port", str(broker.port), "--retry-min-ms", "200",
                "--retry-max-ms", "800", "--client-id", "relay-test-en"]
        relay = Relay(relay_bin, args, log_path)
        bc.wait_for("the relay to subscribe",
                    lambda: "subscribed" in relay.log(), 20)

        osaka_t, osaka = national(bc.DOC_QUAKE_OSAKA, "en")
        rain_t, rain = national(bc.DOC_RAIN, "en")
        osaka_id = json.loads(osaka)["id"]
        rain_id = json.loads(rain)["id"]
        recv.flaky[osaka_id] = 2

        broker.publish_payload(osaka_t, osaka)
        broker.publish_payload(osaka_t, osaka)        # a repeat
        # Not for this relay: another language, and area messages.
        vi_t, vi = national(bc.DOC_RAIN, "vi")
        broker.publish_payload(vi_t, vi)
        for t, p in bc.rendered(bc.DOC_RAIN, city=bc.CITY, langs=["en"]):
            if "/areas/" in t:
                broker.publish_payload(t, p)
        broker.publish_payload(rain_t, rain)

        bc.wait_for("both alerts delivered", lambda:
                    recv.delivered(osaka_id) and recv.delivered(rain_id),
                    30)
        ok(len(recv.attempts(osaka_id)) == 3,
           "500, 500, then 200: three attempts for the Osaka quake (got "
           "%d)" % len(recv.attempts(osaka_id)))
        ok(len(recv.delivered(osaka_id)) == 1, "the repeat of the Osaka "
           "quake was not forwarded again")
        ok(len(recv.attempts(rain_id)) == 1, "the rain warning, once")
        r = recv.delivered(rain_id)[0]
        ok(r[3] == rain.encode(), "the webhook got the payload byte for "
           "byte as published")
        ok(r[2].get("Content-Type", "").startswith("application/json"),
           "Content-Type application/json")
        ok(r[2].get("Idempotency-Key") == rain_id + "-en",
           "Idempotency-Key is id-lang")
        with recv.lock:
            others = [q for q in recv.requests
                      if q[0] not in (osaka_id, rain_id)]
        ok(not others, "no area message and no other language forwarded")

        # Restart.  An alert published while the relay is down must come
        # through; the old ones published again must not.
        rc = relay.stop()
        ok(rc == 0, "SIGTERM stops the relay with status 0 (got %s)" % rc)
        iwate_t, iwate = national(bc.DOC_QUAKE_IWATE, "en")
        iwate_id = json.loads(iwate)["id"]
        broker.publish_payload(iwate_t, iwate)
        relay = Relay(relay_bin, args, log_path)
        bc.wait_for("the alert sent while the relay was down",
                    lambda: recv.delivered(iwate_id), 30)
        ok(True, "an alert published during the restart was delivered")
        broker.publish_payload(osaka_t, osaka)
        broker.publish_payload(rain_t, rain)
        # The landslide warning, published last, is a marker: messages are
        # handled in order, so once it is delivered the repeats above
        # have been seen.
        land_t, land = national(bc.DOC_LANDSLIDE, "en")
        land_id = json.loads(land)["id"]
        broker.publish_payload(land_t, land)
        bc.wait_for("the marker alert", lambda: recv.delivered(land_id), 30)
        ok(len(recv.attempts(rain_id)) == 1 and
           len(recv.delivered(osaka_id)) == 1,
           "no duplicates after the restart")
        with recv.lock:
            ids = [q[0] for q in recv.requests if q[1] == 200]
        ok(sorted(ids) == sorted([osaka_id, rain_id, iwate_id, land_id]),
           "four alerts, each delivered exactly once")

        bc.wait_for("four lines in the file", lambda: os.path.exists(out)
                    and len(open(out).read().splitlines()) >= 4, 10)
        lines = open(out, encoding="utf-8").read().splitlines()
        got = [json.loads(l)["id"] for l in lines]
        ok(sorted(got) == sorted([osaka_id, rain_id, iwate_id, land_id]),
           "the file has each alert once (%d lines)" % len(lines))
        ok("already relayed or queued" in relay.log(),
           "the relay logs the repeats it dropped")
        rc = relay.stop()
        relay = None
        ok(rc == 0, "second stop, status 0")
    finally:
        if relay:
            relay.stop()
        recv.shutdown()
        broker.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (checks["passed"], checks["failed"]))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        bc.log("FAIL:", e)
        print("%d passed, %d failed" % (checks["passed"],
                                         checks["failed"] or 1))
        sys.exit(1)
