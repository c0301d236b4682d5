#!/usr/bin/env python3
"""feed_server.py — a real HTTP server on 127.0.0.1 that plays JMA's PULL
feeds for the feed source's tests (tests/integration/test_feed.c).

It serves, on a free port chosen at run time (written to --port-file):

  /feed/NAME.xml      a live Atom feed in JMA's layout, newest entry first:
                      the entries added to NAME and not aged out
  /feed/NAME_l.xml    the long feed: every entry ever added to NAME
  /data/FILE          the documents the entries point to, read from --root

Feeds carry an ETag and Last-Modified and answer 304 to a matching
If-None-Match (or, without one, to an If-Modified-Since not older than the
feed).  Bodies are gzipped when the client accepts gzip.

The test steers it through /_ctl/ requests (HTTP GET, query string):

  /_ctl/add?feed=extra&doc=REL[&updated=ISO|now][&title=T]
        add the document REL (under --root) as a new entry of feed
        "extra"; the title defaults to the document's Control/Title
  /_ctl/age?feed=extra
        age every entry out of the live feed (the long feed keeps them)
  /_ctl/mode?path=/feed/extra.xml&mode=M[&count=N][&arg=A]
        queue M for path: the next N requests for it (default 1; 0 =
        until clear-modes) get, after the modes queued before, M:  500 | 503 (Retry-After: A) | 404 | slow (sleep A
        seconds, then answer normally) | truncate (a Content-Length
        larger than the body, then close) | oversize (A bytes of valid
        XML) | bomb (gzip of A zero bytes, small on the wire) | notxml
        (plain text) | html (an HTML error page) | redirect (302 to A)
  /_ctl/clear-modes
  /_ctl/log   one line per request served (not /_ctl): "T METHOD PATH
              STATUS inm=0|1 ims=0|1 gz=0|1 ae=ACCEPT-ENCODING ua=AGENT",
              T in seconds (time.monotonic) when the request arrived;
              STATUS "slow" for a slow answer, logged when it arrives
  /_ctl/clear-log
  /_ctl/added?feed=extra&doc=REL   the monotonic time the entry was added

Documents: 出典：気象庁ホームページ (Source: Japan Meteorological Agency);
the feeds built here are the project's own imitation of JMA's layout.
"""
import argparse
import calendar
import gzip
import hashlib
import html
import os
import re
import ssl
import sys
import threading
import time
import urllib.parse
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
FEEDS = {}      # name -> {"entries": [...], "aged": set(), "changed": float}
DOCS = {}       # basename -> path
MODES = {}      # path -> queue of [mode, remaining (0 = forever), arg]
LOG = []
ADDED = {}      # (feed, doc) -> monotonic time
ROOT = "."
BASE = ""


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def control_title(path):
    with open(path, "rb") as f:
        head = f.read(8192).decode("utf-8", "replace")
    m = re.search(r"<Title>([^<]*)</Title>", head)
    return m.group(1) if m else "不明"


def feed_xml(name, live):
    with LOCK:
        fd = FEEDS.setdefault(name, {"entries": [], "aged": set(),
                                     "changed": time.time()})
        entries = [e for e in fd["entries"]
                   if not live or e["id"] not in fd["aged"]]
        changed = fd["changed"]
    suffix = "" if live else "_l"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" lang="ja">',
           "<title>%s</title>" % ("高頻度（%s）" % name if live
                                  else "長期（%s）" % name),
           "<subtitle>JMAXML publishing feed</subtitle>",
           "<updated>%s</updated>" % iso(changed),
           "<id>urn:uuid:bosaicast-test-%s%s</id>" % (name, suffix),
           '<link href="%s/feed/%s%s.xml" rel="self"/>' % (BASE, name,
                                                         suffix),
           '<link href="http://www.jma.go.jp/" rel="related"/>',
           "<rights type=\"html\">&lt;a href=&quot;https://www.jma.go.jp/"
           "jma/kishou/info/coment.html&quot;&gt;利用規約&lt;/a&gt;</rights>"]
    for e in sorted(entries, key=lambda e: e["updated"], reverse=True):
        out += ["<entry>",
                "<title>%s</title>" % html.escape(e["title"]),
                "<id>%s</id>" % html.escape(e["id"]),
                "<updated>%s</updated>" % iso(e["updated"]),
                "<author><name>気象庁</name></author>",
                '<link type="application/xml" href="%s"/>' %
                html.escape(e["id"]),
                '<content type="text">【%s】</content>' %
                html.escape(e["title"]),
                "</entry>"]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8"), changed


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "bosaicast-test-feed/1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body=b"", ctype="application/xml",
              headers=(), gz_ok=True, length=None, close=False):
        ae = self.headers.get("Accept-Encoding", "")
        gz = gz_ok and body and "gzip" in ae and status == 200
        if gz:
            body = gzip.compress(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length",
                         str(len(body) if length is None else length))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        # Logged before the answer leaves: a client that has the answer
        # must find its request in the log (a test counting requests right
        # after the client's handling raced the logging otherwise).
        self.record(status, gz)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def record(self, status, gz):
        if getattr(self, "logged", False):
            return
        line = "%.3f %s %s %s inm=%d ims=%d gz=%d ae=%s ua=%s" % (
            self.t0, self.command, self.path, status,
            "If-None-Match" in self.headers,
            "If-Modified-Since" in self.headers, 1 if gz else 0,
            self.headers.get("Accept-Encoding", "").replace(" ", ""),
            self.headers.get("User-Agent", "").replace(" ", "_"))
        with LOCK:
            LOG.append(line)

    def take_mode(self, path):
        with LOCK:
            q = MODES.get(path)
            if not q:
                return None, None
            m = q[0]
            mode, left, arg = m
            if left == 1:
                q.pop(0)
            elif left > 1:
                m[1] = left - 1
            return mode, arg

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self.t0 = time.monotonic()
        self.logged = False
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        if url.path.startswith("/_ctl/"):
            return self.control(url.path[6:], q)
        mode, arg = self.take_mode(url.path)
        if mode == "slow":
            # Logged on arrival: the client may give up (or be killed)
            # long before the answer.
            self.record("slow", False)
            self.logged = True
            time.sleep(float(arg or 5))
            mode = None
        if mode in ("500", "404"):
            return self.reply(int(mode), b"error\n", "text/plain")
        if mode == "503":
            return self.reply(503, b"busy\n", "text/plain",
                              headers=[("Retry-After", arg or "1")])
        if mode == "redirect":
            return self.reply(302, b"", "text/plain",
                              headers=[("Location", arg)])
        if mode == "notxml":
            return self.reply(200, b"Service temporarily unavailable\n",
                              "text/plain")
        if mode == "html":
            return self.reply(200, b"<html><head><title>503</title></head>"
                              b"<body><h1>Busy</h1></body></html>\n",
                              "text/html")
        if mode == "oversize":
            n = int(arg or 1 << 20)
            pad = b"<!-- " + b"x" * max(0, n - 200) + b" -->"
            return self.reply(200, b'<?xml version="1.0"?>\n<feed xmlns='
                              b'"http://www.w3.org/2005/Atom">' + pad +
                              b"</feed>\n", gz_ok=False)
        if mode == "bomb":
            body = gzip.compress(b"\0" * int(arg or 1 << 24))
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.record(200, True)
            self.end_headers()
            self.wfile.write(body)
            return None
        if url.path.startswith("/feed/") and url.path.endswith(".xml"):
            name = url.path[6:-4]
            live = not name.endswith("_l")
            if not live:
                name = name[:-2]
            body, changed = feed_xml(name, live)
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            lm = formatdate(changed, usegmt=True)
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = False
            if inm is not None:
                fresh = etag in [t.strip() for t in inm.split(",")]
            elif ims is not None:
                try:
                    fresh = parsedate_to_datetime(ims).timestamp() >= \
                        int(changed)
                except (TypeError, ValueError):
                    fresh = False
            hdrs = [("ETag", etag), ("Last-Modified", lm)]
            if fresh:
                return self.reply(304, b"", headers=hdrs)
            if mode == "truncate":
                return self.reply(200, body[:len(body) // 2], gz_ok=False,
                                  length=len(body), close=True,
                                  headers=hdrs)
            return self.reply(200, body, headers=hdrs)
        if url.path.startswith("/data/"):
            with LOCK:
                path = DOCS.get(url.path[6:])
            if not path:
                return self.reply(404, b"not found\n", "text/plain")
            with open(path, "rb") as f:
                body = f.read()
            if mode == "truncate":
                return self.reply(200, body[:len(body) // 2], gz_ok=False,
                                  length=len(body), close=True)
            return self.reply(200, body)
        return self.reply(404, b"not found\n", "text/plain")

    def control(self, what, q):
        body = b"ok\n"
        with LOCK:
            if what == "add":
                path = os.path.join(ROOT, q["doc"])
                base = os.path.basename(path)
                DOCS[base] = path
                up = q.get("updated", "now")
                t = time.time() if up == "now" else \
                    parsedate_iso(up)
                fd = FEEDS.setdefault(q["feed"], {"entries": [],
                                                  "aged": set(),
                                                  "changed": 0})
                fd["entries"].append({
                    "id": "%s/data/%s" % (BASE, base),
                    "title": q.get("title") or control_title(path),
                    "updated": t})
                fd["changed"] = time.time()
                ADDED[(q["feed"], q["doc"])] = time.monotonic()
            elif what == "age":
                fd = FEEDS.setdefault(q["feed"], {"entries": [],
                                                  "aged": set(),
                                                  "changed": 0})
                fd["aged"].update(e["id"] for e in fd["entries"])
                fd["changed"] = time.time()
            elif what == "mode":
                MODES.setdefault(q["path"], []).append(
                    [q["mode"], int(q.get("count", "1")), q.get("arg")])
            elif what == "clear-modes":
                MODES.clear()
            elif what == "log":
                body = ("\n".join(LOG) + ("\n" if LOG else "")).encode()
            elif what == "clear-log":
                LOG.clear()
            elif what == "added":
                body = ("%.3f\n" % ADDED[(q["feed"], q["doc"])]).encode()
            elif what == "now":
                body = ("%.3f\n" % time.monotonic()).encode()
            else:
                self.send_error(400)
                return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def parsedate_iso(s):
    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that gives up mid-answer (a timeout, a body over its
        # limit, a killed process) is what the tests are about.
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError)):
            return
        super().handle_error(request, client_address)


def write_port(path, port):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, path)


def main():
    global ROOT, BASE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--tls", nargs=3,
                    metavar=("CERT", "KEY", "PORT_FILE"),
                    help="also serve the same over TLS on another port")
    a = ap.parse_args()
    ROOT = a.root
    srv = Server(("127.0.0.1", 0), Handler)
    BASE = "http://127.0.0.1:%d" % srv.server_address[1]
    if a.tls:
        tls = Server(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.tls[0], a.tls[1])
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
        threading.Thread(target=tls.serve_forever, args=(0.05,),
                         daemon=True).start()
        write_port(a.tls[2], tls.server_address[1])
    # The plain port last: once it exists, everything is listening.
    write_port(a.port_file, srv.server_address[1])
    try:
        srv.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
