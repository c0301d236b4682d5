#!/usr/bin/env python3
"""bosaicast-sign in a real terminal (tmux), read off the screen.

A private broker gets the real retained state of Wakkanai (0121400) from
`bosaicast run` on a level 4 heavy-rain warning; the sign starts in an
80-column tmux pane told to use 46 columns, in English, Thai, Burmese and
simplified Chinese.  Checked on the screen, as a reader would see it:

  - each language in turn: the place name, the headline in force in that
    language (taken from the retained state with mosquitto_sub, not from
    the sign), wrapped within 46 columns by Python's own width tables,
    with no line starting inside a cluster (a mark);
  - a new alert (a level 4 landslide warning rendered by `bosaicast render`
    and published with mosquitto_pub) appears as "Latest" in every
    language;
  - "feed ok" while the heartbeat runs, "feed stale" once it stops;
  - Ctrl-C ends the sign with status 0.

usage: test_sign.py SIGN_BINARY   (BC_BIN, BC_SOURCE_DIR in the environment)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bcclients as bc  # noqa: E402

WIDTH = 46
LANGS = ["en", "th", "my", "zh-Hans"]
AUTONYM = {"en": "English", "th": "ไทย", "my": "မြန်မာ",
           "zh-Hans": "简体中文"}
checks = {"passed": 0, "failed": 0}


def ok(cond, what):
    if cond:
        checks["passed"] += 1
        bc.log("ok   " + what)
    else:
        checks["failed"] += 1
        bc.log("FAIL " + what)
        raise AssertionError(what)


class Tmux:
    def __init__(self, cmd, cols=80, rows=40):
        self.sock = "bcsign-%d" % os.getpid()
        self.tmux(["new-session", "-d", "-s", "sign", "-x", str(cols),
                   "-y", str(rows), cmd])

    def tmux(self, args):
        return subprocess.run(["tmux", "-u", "-L", self.sock] + args,
                              capture_output=True, text=True, timeout=20,
                              env=dict(os.environ, LANG="C.UTF-8",
                                       LC_ALL="C.UTF-8"))

    def screen(self, escapes=False):
        args = ["capture-pane", "-p", "-t", "sign"]
        if escapes:
            args.insert(1, "-e")
        r = self.tmux(args)
        return r.stdout if r.returncode == 0 else ""

    def keys(self, *k):
        self.tmux(["send-keys", "-t", "sign"] + list(k))

    def kill(self):
        self.tmux(["kill-server"])


def alive(rc_file, log_file):
    """Fail at once, with the sign's log, if it has exited."""
    if os.path.exists(rc_file):
        log = open(log_file, errors="replace").read() \
            if os.path.exists(log_file) else ""
        raise AssertionError("the sign exited (status %s); its log:\n%s"
                             % (open(rc_file).read().strip(), log))


def rows_of(screen):
    """The screen's rows, at least two (the header lines)."""
    rows = screen.split("\n")
    return rows + [""] * (2 - len(rows)) if len(rows) < 2 else rows


def layout_ok(screen, lang):
    """Every row within WIDTH columns; no row starts with a mark."""
    rows = screen.split("\n")
    for r in rows:
        if bc.width(r.rstrip()) > WIDTH:
            return "row wider than %d: %r" % (WIDTH, r)
        t = r.strip()
        if t and unicodedata.category(t[0]) in ("Mn", "Mc", "Me"):
            return "row starts inside a cluster (%s): %r" % (lang, r)
    return None


def ensure_tmux():
    if shutil.which("tmux"):
        return
    bc.log("installing tmux")
    subprocess.run(["bash", os.path.join(bc.SRC, "scripts",
                                         "install-deps.sh"), "tmux"],
                   check=True, timeout=900)
    if not shutil.which("tmux"):
        raise AssertionError("tmux is not installed")


def main():
    sign = sys.argv[1]
    ensure_tmux()
    broker = bc.Broker()
    tmux = heartbeat = None
    tmp = tempfile.mkdtemp(prefix="bc-sign-")
    try:
        broker.run_bosaicast(bc.DOC_RAIN)
        state = {}
        for lang in LANGS:
            state[lang] = broker.retained("bosai/v1/areas/01/%s/%s/state"
                                          % (bc.CITY, lang))
            ok(len(state[lang]["alerts"]) >= 1,
               "retained state in %s lists an alert in force" % lang)
        heartbeat = bc.Heartbeat(broker, 1.0)

        rc_file = os.path.join(tmp, "rc")
        log_file = os.path.join(tmp, "sign.log")
        cmd = ("%s --city %s --lang %s --port %d --width %d --rotate 2 "
               "--stale 3 --log %s; echo $? > %s" %
               (sign, bc.CITY, ",".join(LANGS), broker.port, WIDTH,
                log_file, rc_file))
        tmux = Tmux(cmd)

        # What is in force, in every language, on start.
        for lang in LANGS:
            head = state[lang]["alerts"][0]["headline"]
            place = state[lang]["area"]["name"]

            def shown(lang=lang, head=head, place=place):
                alive(rc_file, log_file)
                s = tmux.screen()
                rows = rows_of(s)
                if ("[%s]" % AUTONYM[lang]) in rows[1] and \
                        place in rows[0] and \
                        bc.squash(head) in bc.squash(s):
                    return s
                return None
            s = bc.wait_for("the %s page with its headline" % lang, shown,
                            timeout=20)
            bc.log(s)
            ok(True, "%s: place %r and the headline in force shown" %
               (lang, place))
            bad = layout_ok(s, lang)
            ok(bad is None, "%s: wrapped within %d columns (%s)" %
               (lang, WIDTH, bad or "all rows fit"))
            if bc.width(head) > WIDTH:
                single = any(bc.squash(head) in bc.squash(r)
                             for r in s.split("\n"))
                ok(not single, "%s: the long headline is wrapped over "
                   "several rows" % lang)
            ok("L4" in s, "%s: level 4 tag shown" % lang)

        s = bc.wait_for("feed ok", lambda: "feed ok" in tmux.screen())
        ok(True, "feed ok while the heartbeat runs")

        # A new alert, published as the broadcaster.
        new = {}
        for topic, payload in bc.rendered(bc.DOC_LANDSLIDE, city=bc.CITY,
                                          langs=LANGS):
            if "/areas/" in topic:
                broker.publish_payload(topic, payload)
                p = json.loads(payload)
                new[p["lang"]] = p["headline"]
        ok(sorted(new) == sorted(LANGS), "landslide warning rendered for "
           "every chosen language")
        for lang in LANGS:
            def latest(lang=lang):
                alive(rc_file, log_file)
                s = tmux.screen()
                if ("[%s]" % AUTONYM[lang]) in rows_of(s)[1] and \
                        "Latest" in s and \
                        bc.squash(new[lang]) in bc.squash(s):
                    return s
                return None
            s = bc.wait_for("the new alert in %s" % lang, latest, 20)
            bc.log(s)
            ok(True, "%s: the new alert is shown as Latest" % lang)
            bad = layout_ok(s, lang)
            ok(bad is None, "%s: the new alert wraps within %d columns "
               "(%s)" % (lang, WIDTH, bad or "all rows fit"))
        if os.environ.get("BC_SIGN_CAPTURE"):
            # For docs/img/sign.png (tests/clients/screenshots.sh).
            def th_page():
                s = tmux.screen(escapes=True)
                return s if "[%s]" % AUTONYM["th"] in s else None
            with open(os.environ["BC_SIGN_CAPTURE"], "w") as f:
                f.write(bc.wait_for("the Thai page", th_page, 20))

        # The heartbeat stops: the sign must say so.
        heartbeat.stop()
        heartbeat = None
        s = bc.wait_for("feed stale", lambda: "feed stale" in tmux.screen(),
                        timeout=15)
        ok(True, "feed stale once the heartbeat stops")

        tmux.keys("C-c")
        rc = bc.wait_for("the sign to exit", lambda: os.path.exists(rc_file)
                         and open(rc_file).read().strip(), 10)
        ok(rc == "0", "Ctrl-C ends the sign with status 0 (got %s)" % rc)
    finally:
        if heartbeat:
            heartbeat.stop()
        if tmux:
            tmux.kill()
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
