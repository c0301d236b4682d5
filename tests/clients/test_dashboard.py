#!/usr/bin/env python3
"""The shelter dashboard in headless Chromium, against a real broker.

Sets up what the browser test needs — Debian's chromium (apt, through
scripts/install-deps.sh) and playwright-core from the npm registry (npm ci
with tests/clients/package-lock.json, into the build directory) — then
starts a private broker (WebSockets listener included), puts Wakkanai's
real retained state on it with `bosaicast run`, serves the dashboard with
clients/dashboard/serve.py and runs test_dashboard.mjs, which drives the
page.  Nothing is skipped: no browser is a failure.

usage: test_dashboard.py   (BC_BIN, BC_SOURCE_DIR, BC_BINARY_DIR in env)
"""
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bcclients as bc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM = "/usr/bin/chromium"


def ensure_chromium():
    if os.access(CHROMIUM, os.X_OK):
        return
    bc.log("installing Debian's chromium")
    subprocess.run(["bash", os.path.join(bc.SRC, "scripts",
                                         "install-deps.sh"), "chromium"],
                   check=True, timeout=1800)
    if not os.access(CHROMIUM, os.X_OK):
        raise AssertionError("no browser at " + CHROMIUM)


def ensure_playwright():
    base = os.environ.get("BC_BINARY_DIR") or os.path.join(bc.SRC, "build")
    d = os.path.join(base, "clients-node")
    os.makedirs(d, exist_ok=True)
    want = open(os.path.join(HERE, "package-lock.json"), "rb").read()
    lock = os.path.join(d, "package-lock.json")
    have = open(lock, "rb").read() if os.path.exists(lock) else b""
    mod = os.path.join(d, "node_modules", "playwright-core", "package.json")
    if have != want or not os.path.exists(mod):
        if not shutil.which("npm"):
            # The stock image has Node.js and npm; a bare Debian gets
            # Debian's own.
            bc.log("installing Debian's nodejs and npm")
            subprocess.run(["bash", os.path.join(bc.SRC, "scripts", "install-deps.sh"),
                            "nodejs", "npm"], check=True, timeout=1800)
        bc.log("installing playwright-core with npm ci in " + d)
        for f in ("package.json", "package-lock.json"):
            shutil.copy(os.path.join(HERE, f), d)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund",
                        "--loglevel=error"], cwd=d, check=True, timeout=900,
                       env=dict(os.environ,
                                PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1"))
    return os.path.join(d, "node_modules")


def main():
    ensure_chromium()
    modules = ensure_playwright()
    broker = bc.Broker()
    server = None
    try:
        broker.run_bosaicast(bc.DOC_RAIN)
        server = subprocess.Popen(
            [sys.executable, os.path.join(bc.SRC, "clients", "dashboard",
                                          "serve.py"), "--port", "0",
             "--ws", "ws://127.0.0.1:%d/" % broker.ws_port, "--stale",
             "5"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True)
        line = server.stdout.readline()
        if "http://127.0.0.1:" not in line:
            raise AssertionError("serve.py did not start: %r" % line)
        url = line.split()[1]
        env = dict(os.environ, BC_NODE_MODULES=modules, BC_DASH_URL=url,
                   BC_MQTT_PORT=str(broker.port), BC_XDG=broker.xdg,
                   BC_BROKER_DIR=broker.dir,
                   BOSAICAST_DATA_DIR=os.environ.get("BOSAICAST_DATA_DIR",
                                                     bc.SRC))
        r = subprocess.run(["node", os.path.join(HERE,
                                                 "test_dashboard.mjs")],
                           env=env, timeout=600)
        return r.returncode
    finally:
        if server:
            server.terminate()
            server.wait(10)
        broker.stop()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (AssertionError, subprocess.CalledProcessError) as e:
        bc.log("FAIL:", e)
        print("0 passed, 1 failed")
        sys.exit(1)
