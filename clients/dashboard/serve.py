#!/usr/bin/env python3
"""serve.py — serve the shelter coordinator dashboard on this machine.

    python3 serve.py [--port 8088] [--ws ws://127.0.0.1:9001/]
                     [--root bosai/v1] [--places DIR]

The page itself is static (index.html, dashboard.js, dashboard.css and the
vendored MQTT.js); this server adds
  /config.json        where the broker's WebSockets listener is, the topic
                      root and the stale limit (from the options);
  /places/city.tsv    JMA's municipality names in the 16 languages, for
  /places/pref.tsv    the municipality picker (from bosaicast's data).
It listens on 127.0.0.1 only and serves nothing else: no directory
listings, no files outside the dashboard.  The browser then talks to the
broker directly, read-only (the broker's ACL lets only the broadcaster
write).  Python's standard library only.
"""
import argparse
import http.server
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/dashboard.js": ("dashboard.js", "text/javascript; charset=utf-8"),
    "/dashboard.css": ("dashboard.css", "text/css; charset=utf-8"),
    "/vendor/mqtt.min.js": ("vendor/mqtt.min.js",
                            "text/javascript; charset=utf-8"),
}
PLACES = {"/places/city.tsv": "city.tsv", "/places/pref.tsv": "pref.tsv"}


def find_places():
    """bosaicast's place data: the source tree, or the installed copy."""
    for d in (os.path.join(HERE, "..", "..", "data", "places"),
              os.path.join(HERE, "..", "places"),
              os.environ.get("BOSAICAST_DATA_DIR", "") + "/data/places"):
        if os.path.isfile(os.path.join(d, "city.tsv")):
            return os.path.abspath(d)
    return None


def make_handler(config, places):
    cfg = json.dumps(config).encode()
    ws = config["ws"]

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "bosaicast-dashboard"
        sys_version = ""

        def send_body(self, body, ctype):
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            # Scripts only from here, connections only to here and the
            # broker: text from the broker can never run as code.
            self.send_header("Content-Security-Policy",
                             "default-src 'self'; connect-src 'self' %s; "
                             "img-src 'self' data:; object-src 'none'; "
                             "base-uri 'none'; frame-ancestors 'none'" % ws)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/config.json":
                return self.send_body(cfg, "application/json")
            if path in STATIC:
                name, ctype = STATIC[path]
                with open(os.path.join(HERE, name), "rb") as f:
                    return self.send_body(f.read(), ctype)
            if path in PLACES and places:
                with open(os.path.join(places, PLACES[path]), "rb") as f:
                    return self.send_body(
                        f.read(), "text/tab-separated-values; charset=utf-8")
            self.send_error(404)

        do_HEAD = do_GET

        def log_message(self, fmt, *args):
            sys.stderr.write("dashboard: %s %s\n" % (self.address_string(),
                                                     fmt % args))

    return Handler


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--port", type=int, default=8088,
                    help="HTTP port on 127.0.0.1 (0: any free port)")
    ap.add_argument("--ws", default="ws://127.0.0.1:9001/",
                    help="the broker's WebSockets URL as the browser "
                    "reaches it")
    ap.add_argument("--root", default="bosai/v1", help="topic root")
    ap.add_argument("--stale", type=int, default=90,
                    help="seconds without a heartbeat before 'feed stale'")
    ap.add_argument("--places", help="directory with city.tsv and "
                    "pref.tsv (default: bosaicast's)")
    a = ap.parse_args()
    if not a.ws.startswith(("ws://", "wss://")) or any(
            c in a.ws for c in " ;'\"\r\n"):
        ap.error("--ws must be a ws:// or wss:// URL")
    places = a.places or find_places()
    if not places:
        print("dashboard: bosaicast's place data (city.tsv) not found; "
              "give --places DIR", file=sys.stderr)
        return 2
    config = {"ws": a.ws, "root": a.root, "stale": a.stale}
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", a.port),
                                          make_handler(config, places))
    print("dashboard: http://127.0.0.1:%d/ (broker %s)"
          % (srv.server_address[1], a.ws), flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
