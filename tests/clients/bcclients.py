"""Shared helpers for the subscriber tests (tests/clients/test_*.py).

Each test starts its own broker with scripts/broker.sh in a temporary
directory (retained state from other tests must not leak into what a sign
shows), publishes real payloads — rendered by `bosaicast render --topics`
from the JMA documents in tests/data/jmaxml, or published by `bosaicast run`
itself — with mosquitto_pub as the broadcaster, and stops everything it
started, by pid, at the end.  Waits are polls with deadlines, never bare
sleeps standing in for a condition.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from datetime import datetime, timezone

SRC = os.environ.get("BC_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
BROKER_SH = os.path.join(SRC, "scripts", "broker.sh")
JMAXML = os.path.join(SRC, "tests", "data", "jmaxml")

# Two real level-named warning documents for the Soya region (Wakkanai,
# 0121400), 2020-06-22 23:00: level 4 heavy rain, then level 4 landslide.
DOC_RAIN = os.path.join(JMAXML, "kuribo001-research_jmaxml_20260326_Samples",
                        "15_16_03_241226_VPWW55.xml")
DOC_LANDSLIDE = os.path.join(JMAXML,
                             "kuribo001-research_jmaxml_20260326_Samples",
                             "15_16_01_241031_VPWW56.xml")
# Two earthquake reports (VXSE53) for the relay: Osaka and Iwate, 2021.
DOC_QUAKE_OSAKA = os.path.join(JMAXML, "p2pquake-jmaxml-seis-parser-go",
                               "20210216071046_0_VXSE53_270000.xml")
DOC_QUAKE_IWATE = os.path.join(JMAXML, "p2pquake-jmaxml-seis-parser-go",
                               "20210219091451_0_VXSE53_010000.xml")
CITY = "0121400"


def data_env():
    """The environment for bosaicast: its data from the source tree unless
    BOSAICAST_DATA_DIR says otherwise."""
    return dict(os.environ, BOSAICAST_DATA_DIR=os.environ.get(
        "BOSAICAST_DATA_DIR", SRC))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def bosaicast_bin():
    b = os.environ.get("BC_BIN")
    if not b or not os.access(b, os.X_OK):
        raise SystemExit("BC_BIN (the bosaicast binary) is not set")
    return b


def wait_for(what, fn, timeout=15.0, every=0.1):
    """Poll fn until it returns something true; fail after timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(every)
    raise AssertionError("timed out after %.0f s waiting for %s"
                         % (timeout, what))


def width(s):
    """Terminal columns, the way glibc's wcwidth counts them (Python's
    own Unicode tables, independent of bosaicast's ICU code)."""
    w = 0
    for ch in s:
        cp = ord(ch)
        cat = unicodedata.category(ch)
        if cp < 0x20 or 0x7f <= cp < 0xa0:
            continue
        if cat in ("Mn", "Me") or (cat == "Cf" and cp != 0xad):
            continue
        if 0x1160 <= cp <= 0x11ff:
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def squash(s):
    """Text without any white space, for finding a wrapped text on a
    screen whatever the line breaks and indentation."""
    return "".join(s.split())


class Broker:
    """A private mosquitto from the shipped configuration."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="bc-clients-")
        r = subprocess.run(["bash", BROKER_SH, "start", self.dir],
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise AssertionError("broker did not start: " + r.stderr)
        env = subprocess.run(["bash", BROKER_SH, "env", self.dir],
                             capture_output=True, text=True,
                             check=True).stdout
        self.env = dict(l.split("=", 1) for l in env.split())
        self.port = int(self.env["BC_MQTT_PORT"])
        self.ws_port = int(self.env["BC_MQTT_WS_PORT"])
        # mosquitto_pub reads default options from
        # $XDG_CONFIG_HOME/mosquitto_pub: the broadcaster's password
        # stays off every command line.
        self.xdg = os.path.join(self.dir, "xdg")
        os.makedirs(self.xdg, mode=0o700)
        with open(os.path.join(self.xdg, "mosquitto_pub"), "w") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write("-u %s\n-P %s\n" % (self.env["BC_MQTT_USER"],
                                        self.env["BC_MQTT_PASSWORD"]))
        self.pwfile = os.path.join(self.dir, "password")
        log("broker on 127.0.0.1:%d (WebSockets %d) in %s"
            % (self.port, self.ws_port, self.dir))

    def publish(self, topic, payload, retain=False, props=None):
        """Publish as the broadcaster, MQTT v5 QoS 1, with the properties
        bosaicast sets (DESIGN §5)."""
        cmd = ["mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
               "-p", str(self.port), "-q", "1", "-t", topic, "-s",
               "-D", "publish", "content-type", "application/json"]
        for k, v in (props or {}).items():
            cmd += ["-D", "publish", "user-property", k, v]
        if retain:
            cmd.append("-r")
        env = dict(os.environ, XDG_CONFIG_HOME=self.xdg)
        r = subprocess.run(cmd, input=payload.encode(), env=env,
                           capture_output=True, timeout=20)
        # mosquitto_pub exits 0 even when the broker refuses a QoS 1
        # publish; it says so on stderr.
        if r.returncode != 0 or b"failed" in r.stderr:
            raise AssertionError("mosquitto_pub %s failed: %s"
                                 % (topic, r.stderr.decode()))

    def publish_payload(self, topic, payload_text):
        p = json.loads(payload_text)
        self.publish(topic, payload_text,
                     props={"lang": p["lang"], "kind": p["kind"],
                            "id": p["id"]})

    def retained(self, topic, timeout=5):
        """The retained message on topic, read as an anonymous subscriber
        (what any sign gets on start)."""
        r = subprocess.run(["mosquitto_sub", "-V", "mqttv5", "-h",
                            "127.0.0.1", "-p", str(self.port), "-t", topic,
                            "-C", "1", "-W", str(timeout)],
                           capture_output=True, timeout=timeout + 5)
        if r.returncode != 0 or not r.stdout:
            raise AssertionError("no retained message on " + topic)
        return json.loads(r.stdout.decode())

    def run_bosaicast(self, *docs):
        """Publish documents with the real daemon (alerts, retained state,
        status), then let it stop."""
        db = os.path.join(self.dir, "bosaicast.db")
        cmd = [bosaicast_bin(), "run", "--once", "--mqtt-port",
               str(self.port), "--mqtt-username", self.env["BC_MQTT_USER"],
               "--mqtt-password-file", self.pwfile, "--db", db] + list(docs)
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                           env=data_env())
        if r.returncode != 0:
            raise AssertionError("bosaicast run failed: " + r.stderr)

    def stop(self):
        subprocess.run(["bash", BROKER_SH, "stop", self.dir],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)


def rendered(doc, city=None, langs=None):
    """(topic, payload text) pairs bosaicast renders for a document."""
    cmd = [bosaicast_bin(), "render", "--topics"]
    if city:
        cmd += ["--city", city]
    if langs:
        cmd += ["--lang", ",".join(langs)]
    cmd.append(doc)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                       env=data_env())
    if r.returncode != 0:
        raise AssertionError("bosaicast render failed: " + r.stderr)
    out = []
    for line in r.stdout.splitlines():
        topic, payload = line.split("\t", 1)
        out.append((topic, payload))
    return out


def status_payload(online=True):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not online:
        return json.dumps({"v": 1, "kind": "status", "online": False})
    return json.dumps({"v": 1, "kind": "status", "online": True,
                       "since": now, "lastDocument": None, "backlog": 0,
                       "exercise": False, "sources": None, "sent": now})


class Heartbeat:
    """The broadcaster's status heartbeat, every interval seconds, until
    stopped (as bosaicast does with status_interval)."""

    def __init__(self, broker, interval=1.0, root="bosai/v1"):
        self.broker, self.interval = broker, interval
        self.topic = root + "/status"
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopped.is_set():
            self.broker.publish(self.topic, status_payload(), retain=True)
            self.stopped.wait(self.interval)

    def stop(self):
        self.stopped.set()
        self.thread.join(30)
