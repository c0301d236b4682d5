#!/usr/bin/python3
"""Golden payloads: for each fixture in tests/golden/FIXTURES, render the
document in all 16 languages (the nationwide message and one municipality's)
and compare with tests/golden/<name>.json, ignoring only "sent" (the
publication time).

  golden.py BIN            compare; exit 1 and show a diff on any change
  golden.py BIN --update   rewrite the golden files (then read them!)

The golden files are pretty-printed so that a reviewer can read every
language's headline, body and actions in one place.
"""
import difflib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))


def render(binary, path, city):
    cmd = [binary, "render", "--topics", "--city", city, os.path.join(SRC, path)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"golden: {' '.join(cmd)} failed ({out.returncode}): {out.stderr.strip()}")
    msgs = []
    for line in out.stdout.splitlines():
        topic, payload = line.split("\t", 1)
        obj = json.loads(payload)
        obj.pop("sent", None)
        msgs.append({"topic": topic, "payload": obj})
    return json.dumps(msgs, ensure_ascii=False, indent=1) + "\n"


def main():
    binary = sys.argv[1]
    update = "--update" in sys.argv[2:]
    failed = 0
    n = 0
    with open(os.path.join(HERE, "FIXTURES"), encoding="utf-8") as f:
        fixtures = [l.split() for l in f if l.strip() and not l.startswith("#")]
    for name, path, city in fixtures:
        n += 1
        got = render(binary, path, city)
        golden = os.path.join(HERE, name + ".json")
        if update:
            with open(golden, "w", encoding="utf-8") as f:
                f.write(got)
            print(f"golden: wrote {golden}")
            continue
        try:
            with open(golden, encoding="utf-8") as f:
                want = f.read()
        except FileNotFoundError:
            print(f"golden: {golden} missing (run with --update and review it)")
            failed += 1
            continue
        if got != want:
            failed += 1
            diff = difflib.unified_diff(want.splitlines(), got.splitlines(),
                                        f"{name} (golden)", f"{name} (now)", lineterm="", n=1)
            print("\n".join(list(diff)[:80]))
    print(f"golden: {n} fixtures, {failed} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
