#!/usr/bin/python3
"""Validate bosaicast output against the JSON Schemas in schema/.

Reads lines from the files given (or stdin): either a bare JSON payload, or
"topic<TAB>payload" as printed by `bosaicast render --topics`, or the JSON
lines of tests/tools/bc_sub (objects with "topic" and "payload").  For every
payload it checks:
  - it is valid against schema/payload-v1.json, state-v1.json or
    status-v1.json (by its "kind");
  - no Japanese script (kana, kanji, full-width punctuation) in any text a
    reader sees, in any language other than ja and ja-x-easy (Han is allowed
    in zh-Hans and zh-Hant, kana never);
  - when a topic is known, that its language and kind levels match the
    payload.
Prints one line per problem and a summary; exits 1 on any problem.
Options: --expect-langs N  (each alert id must appear in N languages)
"""
import json
import re
import sys
from collections import defaultdict

import jsonschema

SRC = __file__.rsplit("/tests/tools/", 1)[0]
# Kana never belong outside Japanese; CJK punctuation and full-width forms
# (、。「」（）) are Japanese in every language but Chinese, which uses them
# too; Han is Japanese in every language but Chinese.
KANA_ONLY = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\u3000-\u303f\uff01-\uff5e]")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def japanese_in(lang, text):
    """The first character of text that is Japanese script for lang."""
    if lang in ("ja", "ja-x-easy"):
        return None
    if lang in ("zh-Hans", "zh-Hant"):
        m = KANA_ONLY.search(text)
    else:
        m = KANA.search(text) or HAN.search(text)
    return m.group(0) if m else None


def load(name):
    with open(f"{SRC}/schema/{name}", encoding="utf-8") as f:
        schema = json.load(f)
    return jsonschema.Draft202012Validator(schema)


VALIDATORS = {"payload": load("payload-v1.json"), "state": load("state-v1.json"),
              "status": load("status-v1.json")}


def visible_texts(p):
    """The strings a reader sees."""
    if p.get("kind") == "state":
        yield "area.name", p["area"]["name"]
        for i, a in enumerate(p["alerts"]):
            yield f"alerts[{i}].headline", a["headline"]
        return
    for k in ("headline", "body", "issuedText"):
        yield k, p.get(k, "")
    for i, a in enumerate(p.get("actions", [])):
        yield f"actions[{i}]", a
    for i, a in enumerate(p.get("areas", [])):
        yield f"areas[{i}].name", a.get("name", "")
        yield f"areas[{i}].detail", a.get("detail", "")


def main(argv):
    expect_langs = None
    files = []
    it = iter(argv)
    for a in it:
        if a == "--expect-langs":
            expect_langs = int(next(it))
        else:
            files.append(a)
    problems = 0
    count = 0
    langs_per_id = defaultdict(set)

    def bad(where, msg):
        nonlocal problems
        problems += 1
        print(f"{where}: {msg}")

    streams = [open(f, encoding="utf-8") for f in files] or [sys.stdin]
    for s in streams:
        for n, line in enumerate(s, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            where = f"{s.name}:{n}"
            topic = None
            try:
                if "\t" in line and not line.lstrip().startswith("{"):
                    topic, line = line.split("\t", 1)
                obj = json.loads(line)
            except ValueError as e:
                bad(where, f"not JSON: {e}")
                continue
            if "payload" in obj and "topic" in obj:
                topic, obj = obj["topic"], obj["payload"]
                if isinstance(obj, str):
                    bad(where, f"{topic}: payload is not JSON")
                    continue
            count += 1
            kind = obj.get("kind")
            v = VALIDATORS["state" if kind == "state" else "status" if kind == "status" else "payload"]
            for err in v.iter_errors(obj):
                path = "/".join(str(x) for x in err.absolute_path)
                bad(where, f"schema: {path}: {err.message[:200]}")
            lang = obj.get("lang")
            if lang:
                for field, text in visible_texts(obj):
                    c = japanese_in(lang, text)
                    if c:
                        bad(where, f"{lang} {field}: Japanese script {c!r} in {text[:80]!r}")
            if topic and kind not in ("status",):
                levels = topic.split("/")
                if kind == "state":
                    if levels[-1] != "state" or levels[-2] != lang:
                        bad(where, f"topic {topic} does not match state lang {lang}")
                elif levels[-1] != kind or levels[-2] != lang:
                    bad(where, f"topic {topic} does not match kind {kind} / lang {lang}")
            if kind not in ("state", "status") and "id" in obj:
                langs_per_id[obj["id"]].add(lang)
    if expect_langs is not None:
        for i, langs in langs_per_id.items():
            if len(langs) != expect_langs:
                bad(i, f"in {len(langs)} languages, expected {expect_langs}")
    print(f"check_payloads: {count} payloads, {len(langs_per_id)} alerts, {problems} problems")
    return 1 if problems or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
