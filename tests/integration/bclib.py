"""Helpers for the whole-program integration tests (python3, stdlib only).

Everything here drives the real programs: the fixture's mosquitto
(scripts/broker.sh), the recording subscriber bc_sub, and `bosaicast run`.
Waits are bounded polls with deadlines, never bare sleeps.
"""
import atexit
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SRC = os.environ.get("BC_SOURCE_DIR") or os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("BC_BIN", os.path.join(SRC, "build", "bosaicast"))
SUB = os.environ.get("BC_SUB", os.path.join(SRC, "build", "tests", "bc_sub"))
BROKER_SH = os.path.join(SRC, "scripts", "broker.sh")
CORPUS = os.path.join(SRC, "tests", "data", "jmaxml")
sys.path.insert(0, os.path.join(SRC, "tests", "tools"))
import check_payloads  # noqa: E402


# Everything a test started, so that a failing test leaves no process
# behind (a stray daemon would publish into the next test's broker) and
# says what the daemons and brokers logged.
_started = []


def _cleanup():
    for obj in reversed(_started):
        try:
            obj.cleanup()
        except Exception as e:  # noqa: BLE001 - best effort at exit
            print(f"cleanup of {obj!r}: {e}", file=sys.stderr)
    _started.clear()


atexit.register(_cleanup)


def _die_with_parent():
    """preexec_fn: SIGTERM the child when the test process dies, even by
    SIGKILL (a ctest timeout)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _tail(path, n=30):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError as e:
        return f"({e})\n"


def fail(msg):
    print(f"FAIL: {msg}", flush=True)
    for obj in _started:
        diag = getattr(obj, "diagnostics", None)
        if diag:
            print(diag(), end="", flush=True)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def wait_until(pred, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(0.02)
    fail(f"timed out after {timeout}s waiting for {what}")


class Broker:
    """A private mosquitto in a directory of its own (a temp dir unless
    given): tests running side by side never see each other's messages,
    retained ones included."""

    def __init__(self, directory=None):
        self.dir = directory or tempfile.mkdtemp(prefix="bc-broker-")
        if not os.path.exists(os.path.join(self.dir, "port")):
            self.run("start")
        self.load()
        _started.append(self)

    def cleanup(self):
        self.run("stop")

    def diagnostics(self):
        return f"--- {self.dir}/mosquitto.log (tail)\n" + _tail(os.path.join(self.dir, "mosquitto.log"), 15)

    def run(self, verb):
        subprocess.run(["bash", BROKER_SH, verb, self.dir], check=True,
                       stdout=subprocess.DEVNULL)

    def load(self):
        with open(os.path.join(self.dir, "port")) as f:
            self.port = int(f.read().strip())
        with open(os.path.join(self.dir, "password")) as f:
            self.password = f.read().strip()
        self.password_file = os.path.join(self.dir, "password")

    def stop(self):
        self.run("stop")

    def resume(self):
        self.run("resume")
        self.load()


class Sub:
    """bc_sub recording everything on some filters into a file."""

    def __init__(self, broker, filters, idle_ms=0, total_ms=600000, user=None, password=None):
        self.dir = tempfile.mkdtemp(prefix="bc-sub-")
        self.out = os.path.join(self.dir, "messages.jsonl")
        ready = os.path.join(self.dir, "ready")
        cmd = [SUB, "-p", str(broker.port), "-T", str(total_ms)]
        if idle_ms:
            cmd += ["-W", str(idle_ms)]
        if user:
            cmd += ["-u", user, "-P", password]
        for f in filters:
            cmd += ["-t", f]
        cmd += ["--ready", ready]
        self.err = os.path.join(self.dir, "stderr")
        self.proc = subprocess.Popen(cmd, stdout=open(self.out, "w"), stderr=open(self.err, "w"),
                                     preexec_fn=_die_with_parent)
        _started.append(self)
        wait_until(lambda: os.path.exists(ready) or self.proc.poll() is not None, 10, "subscriber ready")
        if self.proc.poll() is not None:
            with open(self.err) as f:
                fail(f"bc_sub exited: {f.read()!r}")

    def messages(self):
        """The complete lines bc_sub has written so far.  Read as bytes:
        a line still being written may end inside a UTF-8 sequence."""
        with open(self.out, "rb") as f:
            data = f.read()
        return [json.loads(line) for line in data.split(b"\n")[:-1]]

    def wait_for(self, pred, timeout, what):
        return wait_until(lambda: pred(self.messages()), timeout, what)

    def cleanup(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        msgs = self.messages()
        shutil.rmtree(self.dir, ignore_errors=True)
        return msgs


class Daemon:
    """`bosaicast run` with a spool directory and its own database."""

    def __init__(self, broker, workdir, extra=(), files=(), once=False):
        self.broker = broker
        self.work = workdir
        self.spool = os.path.join(workdir, "spool")
        self.db = os.path.join(workdir, "bosaicast.db")
        self.log = os.path.join(workdir, "bosaicast.log")
        os.makedirs(self.spool, exist_ok=True)
        self.cmd = [BIN, "run", "--db", self.db, "--spool-dir", self.spool,
                    "--mqtt-port", str(broker.port), "--mqtt-username", "bosaicast",
                    "--mqtt-password-file", broker.password_file, "--status-interval", "1",
                    *extra]
        if once:
            self.cmd.append("--once")
        self.cmd += list(files)
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL,
                                     stderr=open(self.log, "a"), preexec_fn=_die_with_parent)
        if self not in _started:
            _started.append(self)
        return self

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def diagnostics(self):
        try:
            spool = sorted(os.listdir(self.spool))
        except OSError as e:
            spool = str(e)
        rc = self.proc.poll() if self.proc else None
        return (f"--- daemon {self.work}: exit status {rc}, spool {spool}\n"
                f"--- {self.log} (tail)\n" + _tail(self.log))

    def wait(self, timeout=120):
        return self.proc.wait(timeout)

    def drop(self, path, name=None, wait=True):
        """Write a document into the spool the atomic way (tmp + rename)
        and, unless wait is false, wait until the daemon has filed it under
        done/ or failed/ (its messages are then in the outbox)."""
        name = name or os.path.basename(path)
        tmp = os.path.join(self.spool, "." + name + ".tmp")
        shutil.copyfile(path, tmp)
        os.rename(tmp, os.path.join(self.spool, name))
        if wait:
            wait_until(lambda: any(os.path.exists(os.path.join(self.spool, sub, name))
                                   for sub in ("done", "failed")), 20, f"the daemon to take {name}")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(30)
        return self.proc.returncode if self.proc else None

    def log_text(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()


def validate(msgs):
    """Schema and script checks of every payload (check_payloads)."""
    problems = []
    for m in msgs:
        obj, topic = m["payload"], m["topic"]
        if not isinstance(obj, dict):
            problems.append(f"{topic}: payload not JSON")
            continue
        kind = obj.get("kind")
        v = check_payloads.VALIDATORS["state" if kind == "state" else
                                      "status" if kind == "status" else "payload"]
        for e in v.iter_errors(obj):
            problems.append(f"{topic}: schema: {e.message[:160]}")
        lang = obj.get("lang")
        if lang:
            for field, text in check_payloads.visible_texts(obj):
                c = check_payloads.japanese_in(lang, text)
                if c:
                    problems.append(f"{topic}: {field}: Japanese {c!r}")
    check(not problems, "invalid payloads:\n  " + "\n  ".join(problems[:20]))


def tsv_column(path, key_col, lang):
    """{key: cell} for one language column of a data TSV with a header."""
    out = {}
    with open(path, encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            out[cols[header.index(key_col)]] = cols[header.index(lang)]
    return out
