#!/usr/bin/python3
"""mkdoc.py — benchmark documents built from a real JMA warning.

  mkdoc.py one    SRC.xml CITIES.tsv OUT_DIR COUNT
  mkdoc.py nation SRC.xml CITIES.tsv OUT_DIR COUNT

SRC is a real level-named weather warning (VPWW55).  Each output document
keeps SRC's Control and Head and its region-level Warning blocks, and
rewrites the municipality-level Warning (気象警報・注意報（市町村等）), the
only one bosaicast reads:

  one     one Item: SRC's first municipality (稚内市, a level-4 warning)
  nation  one Item per municipality of CITIES.tsv (data/places/city.tsv),
          each a copy of SRC's first Item with that municipality's code and
          Japanese name: a warning in every municipality of Japan

COUNT documents are written, bench-one-0000.xml ..., each with a report
time one minute later than the previous one, so that bosaicast sees every
one as a new report of the same stream (not a duplicate, not stale).  The
"nation" series starts 30 days after SRC's report time, so that it is newer
than any "one" series (both are the same stream: same type and office).
Source: 気象庁ホームページ (Source: Japan Meteorological Agency); edited as
described above.
"""
import datetime
import os
import re
import sys

CITY_WARNING = '<Warning type="気象警報・注意報（市町村等）">'
CITY_INFO = '<Information type="気象警報・注意報（市町村等）">'


def cities(path):
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "code\t")) or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if re.fullmatch(r"\d{7}", cols[0]):
                out.append((cols[0], cols[1]))
    return out


def split_block(text, start_tag, end_tag):
    """(before, block body between the tags, after) of the first block."""
    i = text.index(start_tag)
    j = text.index(end_tag, i)
    return text[:i + len(start_tag)], text[i + len(start_tag):j], text[j:]


def first_item(body):
    i = body.index("<Item>")
    j = body.index("</Item>", i) + len("</Item>")
    return body[i:j]


def with_area(item, code, name):
    item = re.sub(r"<Area>\s*<Name>[^<]*</Name>\s*<Code>[^<]*</Code>",
                  f"<Area>\n<Name>{name}</Name>\n<Code>{code}</Code>", item,
                  count=1)
    return item


def build(src, mode, places):
    head, body, tail = split_block(src, CITY_WARNING, "</Warning>")
    item = first_item(body)
    if mode == "one":
        items = [item]
    else:
        items = [with_area(item, code, name) for code, name in places]
    doc = head + "\n" + "\n".join(items) + "\n" + tail
    # The Head's municipality list mirrors the Body's: one Item for "one";
    # for "nation" it is dropped (bosaicast reads the Body) to keep the
    # document a realistic size.
    if CITY_INFO in doc:
        h, b, t = split_block(doc, CITY_INFO, "</Information>")
        if mode == "one":
            doc = h + "\n" + first_item(b) + "\n" + t
        else:
            start = h.rindex(CITY_INFO)
            doc = h[:start] + t[len("</Information>"):]
    return doc


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("one", "nation"):
        sys.exit(__doc__)
    mode, srcp, citiesp, outdir, count = sys.argv[1:]
    with open(srcp, encoding="utf-8") as fh:
        src = fh.read()
    doc = build(src, mode, cities(citiesp))
    m = re.search(r"<ReportDateTime>([^<]+)</ReportDateTime>", doc)
    t0 = datetime.datetime.fromisoformat(m.group(1))
    if mode == "nation":
        t0 += datetime.timedelta(days=30)
    os.makedirs(outdir, exist_ok=True)
    for k in range(int(count)):
        t = (t0 + datetime.timedelta(minutes=k)).isoformat()
        d = doc.replace(m.group(0), f"<ReportDateTime>{t}</ReportDateTime>")
        d = re.sub(r"<TargetDateTime>[^<]+</TargetDateTime>",
                   f"<TargetDateTime>{t}</TargetDateTime>", d, count=1)
        name = os.path.join(outdir, f"bench-{mode}-{k:04d}_VPWW55.xml")
        with open(name, "w", encoding="utf-8") as fh:
            fh.write(d)


if __name__ == "__main__":
    main()
