#!/usr/bin/python3
"""DESIGN §11: subscribers scale by the broker.  A national broker (where
bosaicast publishes) bridged to a prefecture broker that carries only
bosai/v1/areas/13/# (Tokyo): a subscriber of the prefecture broker gets
Tokyo's messages and nothing else.

Debian 12's mosquitto is 2.0.11, whose outbound MQTT 5 bridges fail
("protocol error"; fixed upstream in 2.0.14), so the bridge speaks MQTT
3.1.1: MQTT 5 properties do not cross it, which is why the payload itself
carries id, lang and kind (docs/topologies.md)."""
import os
import subprocess
import tempfile

from bclib import CORPUS, BIN, Broker, Daemon, Sub, check, wait_until
import json

DOC = os.path.join(CORPUS, "kuribo001-research_jmaxml_20260326_Samples",
                   "32-35_06_03_240613_VXSE53.xml")  # 2008: Iwate, Miyagi… and Tokyo


def main():
    national = Broker(tempfile.mkdtemp(prefix="bc-national-"))
    pdir = tempfile.mkdtemp(prefix="bc-pref13-")
    with open(os.path.join(pdir, "bridge.conf"), "w") as f:
        f.write(f"""
connection national
address 127.0.0.1:{national.port}
bridge_protocol_version mqttv311
topic bosai/v1/areas/13/# in 1
topic bosai/v1/status in 1
""")
    pref = Broker(pdir)
    sub = Sub(pref, ["bosai/#"])
    # The bridge subscribes once it is connected: wait until a retained
    # status published on the national broker shows up.
    work = tempfile.mkdtemp(prefix="bc-bridge-")
    d = Daemon(national, work, extra=["--languages", "en"]).start()
    sub.wait_for(lambda m: any(x["topic"] == "bosai/v1/status" for x in m), 20,
                 "status through the bridge")
    d.drop(DOC)
    want = set()
    out = subprocess.run([BIN, "render", "--topics", "--lang", "en", DOC],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        t, p = line.split("\t", 1)
        if t.startswith("bosai/v1/areas/13/"):
            want.add((t, json.loads(p)["id"]))
    check(want, "the document concerns Tokyo")
    sub.wait_for(lambda m: want <= {(x["topic"], x["payload"].get("id")) for x in m}, 60,
                 "Tokyo's messages through the bridge")
    msgs = sub.stop()
    d.stop()
    others = [x["topic"] for x in msgs if x["topic"] != "bosai/v1/status"
              and not x["topic"].startswith("bosai/v1/areas/13/")]
    check(not others, f"the prefecture broker got other topics: {others[:3]}")
    pref.stop()
    national.stop()
    print(f"bridge: {len(want)} Tokyo messages reached the prefecture broker, nothing else")


if __name__ == "__main__":
    main()
