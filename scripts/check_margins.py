#!/usr/bin/env python3
"""Checks that no word of a briefbook PDF goes past the left or right margin.

Usage: check_margins.py BRIEF.toml FILE.pdf [--tolerance PT] [--bbox FILE.html]

Reads the margins from the brief's [page] table (briefbook's defaults where a key is not
given), takes the word boxes from `pdftotext -bbox` (or from a file it wrote, --bbox), and
fails when a word starts left of the left margin or ends right of the right margin by more
than the tolerance (0.8 pt: a glyph's ink may stand that far outside its advance, and
pdftotext measures advances), or leaves the page at the top or bottom. Running heads,
footers and banners stand in the top and bottom margins by design, so only the page edges
bound a word vertically; the watermark (`[page] watermark`, set large and diagonally across
the page) is not checked. Prints every word out of bounds, and a count; exit 1 when there is
one, 2 on a usage error. Python 3.11 standard library only.
"""

import argparse
import html
import re
import subprocess
import sys
import tomllib

MM = 72.0 / 25.4
# briefbook's defaults (src/model/brief.rs, PageSetup::default), in millimetres.
DEFAULT_MARGINS = {"margin_top": 28.0, "margin_bottom": 26.0, "margin_left": 27.0, "margin_right": 27.0}

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')


def page_setup(brief_path):
    """The margins in points and the watermark text ("" when none)."""
    with open(brief_path, "rb") as f:
        brief = tomllib.load(f)
    page = brief.get("page", {})
    margins = {k: float(page.get(k, v)) * MM for k, v in DEFAULT_MARGINS.items()}
    return margins, str(page.get("watermark", ""))


def is_watermark(watermark, y0, y1, word):
    """A piece of the watermark: its letters, in a box far taller than any line of text."""
    return bool(watermark) and y1 - y0 > 40 and word.strip().upper() in watermark.upper()


def pages_of(bbox_html):
    """Yields (page number from 1, width, height, [(x0, y0, x1, y1, word)])."""
    number, size, words = 0, None, []
    for line in bbox_html.splitlines():
        m = PAGE.search(line)
        if m:
            if size is not None:
                yield number, size[0], size[1], words
            number, size, words = number + 1, (float(m.group(1)), float(m.group(2))), []
            continue
        m = WORD.search(line)
        if m and size is not None:
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            words.append((x0, y0, x1, y1, html.unescape(m.group(5))))
    if size is not None:
        yield number, size[0], size[1], words


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("brief")
    parser.add_argument("pdf")
    parser.add_argument("--tolerance", type=float, default=0.8)
    parser.add_argument("--bbox", help="the output of `pdftotext -bbox`, instead of running it")
    args = parser.parse_args()
    m, watermark = page_setup(args.brief)
    if args.bbox:
        with open(args.bbox, encoding="utf-8") as f:
            bbox = f.read()
    else:
        run = subprocess.run(["pdftotext", "-bbox", args.pdf, "-"], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"pdftotext failed: {run.stderr.strip()}", file=sys.stderr)
            return 2
        bbox = run.stdout
    tol = args.tolerance
    bad = pages = words = 0
    worst = 0.0
    for number, width, height, page_words in pages_of(bbox):
        pages += 1
        left, right = m["margin_left"], width - m["margin_right"]
        for x0, y0, x1, y1, word in page_words:
            if is_watermark(watermark, y0, y1, word):
                continue
            words += 1
            past = max(left - x0, x1 - right, -y0, y1 - height)
            if past > tol:
                bad += 1
                worst = max(worst, past)
                print(f"page {number}: {word!r} at x {x0:.1f}..{x1:.1f}, y {y0:.1f}..{y1:.1f}: "
                      f"{past:.1f} pt past the text area ({left:.1f}..{right:.1f})")
    if pages == 0:
        print("no pages in the pdftotext output", file=sys.stderr)
        return 2
    if bad:
        print(f"{bad} of {words} words on {pages} pages go past the margins (worst {worst:.1f} pt)")
        return 1
    print(f"margins: all {words} words on {pages} pages inside the text area (tolerance {tol} pt)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
