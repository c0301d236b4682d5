#!/usr/bin/python3
"""The daemon with the feed source (issue 6) end to end: a real HTTP server
on loopback plays JMA's feed (tests/tools/feed_server.py); `bosaicast run
--feed URL` polls it, fetches the new document and publishes it; the same
document then dropped in the spool is not published again (one dedupe
across sources); the status heartbeat reports the feed."""
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

from bclib import CORPUS, SRC, Broker, Daemon, Sub, check, wait_until

DOC = "kuribo001-research_jmaxml_20260326_Samples/15_16_03_241226_VPWW55.xml"


def main():
    broker = Broker()
    work = tempfile.mkdtemp(prefix="bc-feedd-")
    port_file = os.path.join(work, "http-port")
    server = subprocess.Popen([sys.executable, os.path.join(SRC, "tests/tools/feed_server.py"),
                               "--root", CORPUS, "--port-file", port_file],
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "http.log"), "w"))
    try:
        wait_until(lambda: os.path.exists(port_file) and open(port_file).read().strip(), 10,
                   "HTTP server")
        base = f"http://127.0.0.1:{open(port_file).read().strip()}"
        urllib.request.urlopen(f"{base}/_ctl/add?feed=extra&doc={DOC}&updated=now").read()
        sub = Sub(broker, ["bosai/v1/alerts/en/warning", "bosai/v1/areas/01/0121400/en/warning"])
        d = Daemon(broker, work, extra=["--languages", "en", "--feed", f"{base}/feed/extra.xml",
                                        "--feed-interval", "1", "--feed-poll-offset", "-1"]).start()
        sub.wait_for(lambda m: len(m) >= 2, 60, "the warning from the feed")
        msgs = sub.messages()
        check(any(m["payload"]["jma"]["url"] and m["payload"]["jma"]["url"].startswith(base)
                  for m in msgs), "payload names the document URL")
        # The same document through the spool: a duplicate, not republished.
        d.drop(os.path.join(CORPUS, DOC))
        wait_until(lambda: os.path.exists(os.path.join(d.spool, "done", os.path.basename(DOC))),
                   10, "spool copy processed")
        time.sleep(1)
        got = sub.stop()
        check(len(got) == 2, f"published {len(got)} messages, want 2 (feed once, spool duplicate)")
        check("duplicate of a document already seen" in d.log_text(), "spool copy seen as duplicate")
        st = Sub(broker, ["bosai/v1/status"])
        st.wait_for(lambda m: m, 10, "status")
        status = st.messages()[-1]["payload"]
        st.stop()
        check(status["sources"]["feed"] == "ok", f"status sources {status['sources']}")
        d.stop()
        print("daemon+feed: feed entry published once, spool copy deduplicated, status feed ok")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
