#!/usr/bin/env python3
"""term2html.py CAPTURE HTML — a tmux screen (capture-pane -e -p) as HTML.

For the documentation's picture of bosaicast-sign: every character cell
becomes a box one or two columns wide (as the terminal counted it), so the
picture shows the sign's layout as a terminal does, whatever the fonts'
own widths.  Colours are the SGR codes tmux wrote, in xterm's palette.
"""
import html
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, __import__("os").path.dirname(__file__))
import bcclients as bc  # noqa: E402

PALETTE = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee",
           "#cd00cd", "#00cdcd", "#e5e5e5", "#7f7f7f", "#ff0000",
           "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff",
           "#ffffff"]
FG, BG = "#e5e5e5", "#101418"
SGR = re.compile(r"\x1b\[([0-9;]*)m")


class Attr:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.under = self.rev = False

    def apply(self, params):
        codes = [int(c) if c else 0 for c in params.split(";")] or [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.under = True
            elif c == 7:
                self.rev = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.under = False
            elif c == 27:
                self.rev = False
            elif 30 <= c <= 37:
                self.fg = PALETTE[c - 30]
            elif 90 <= c <= 97:
                self.fg = PALETTE[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = PALETTE[c - 40]
            elif 100 <= c <= 107:
                self.bg = PALETTE[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                col = PALETTE[codes[i + 2]] if codes[i + 2] < 16 else None
                if c == 38:
                    self.fg = col
                else:
                    self.bg = col
                i += 2
            i += 1

    def style(self):
        fg, bg = self.fg or FG, self.bg or BG
        if self.bold and self.fg in PALETTE[:8]:
            fg = PALETTE[PALETTE.index(self.fg) + 8]
        if self.rev:
            fg, bg = bg, fg
        s = "color:%s;background:%s;" % (fg, bg)
        if self.bold:
            s += "font-weight:bold;"
        if self.dim:
            s += "opacity:.6;"
        if self.under:
            s += "text-decoration:underline;"
        return s


def convert(text, cols):
    rows = []
    for line in text.split("\n"):
        a = Attr()
        cells = []          # (cluster, width, style)
        pos = 0
        for m in list(SGR.finditer(line)) + [None]:
            end = m.start() if m else len(line)
            for ch in line[pos:end]:
                w = bc.width(ch)
                if w == 0 and cells:
                    c, cw, st = cells[-1]
                    cells[-1] = (c + ch, cw, st)
                elif w > 0:
                    cells.append((ch, w, a.style()))
            if m:
                a.apply(m.group(1))
                pos = m.end()
        used = sum(c[1] for c in cells)
        out = []
        for c, w, st in cells:
            out.append('<span class="c w%d" style="%s">%s</span>'
                       % (w, st, html.escape(c)))
        if used < cols:
            out.append('<span class="c" style="width:%dch"></span>'
                       % (cols - used))
        rows.append('<div class="r">%s</div>' % "".join(out))
    while rows and rows[-1] == '<div class="r"></div>':
        rows.pop()
    return rows


def main():
    src, dst = sys.argv[1], sys.argv[2]
    cols = int(sys.argv[3]) if len(sys.argv) > 3 else 80
    text = open(src, encoding="utf-8").read().rstrip("\n")
    rows = convert(text, cols)
    page = """<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:%s}
#t{display:inline-block;padding:10px 12px;background:%s;
 font:16px/1.35 "DejaVu Sans Mono","Noto Sans Mono CJK JP",
 "Noto Sans Thai","Noto Sans Myanmar","Noto Sans Khmer",monospace}
.r{height:1.35em;white-space:pre}
.c{display:inline-block;height:1.35em;vertical-align:top;overflow:visible}
.w1{width:1ch}.w2{width:2ch;text-align:center}
</style><div id="t">%s</div>""" % (BG, BG, "".join(rows))
    with open(dst, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
