#!/usr/bin/env python3
"""What a citizen's phone would show, checked in headless Chromium at 360 px
and 1280 px on every page type of a built site:

- no table wider than the screen, no page-level sideways scrolling, no text
  running out of its table cell into the next;
- Vietnamese pages show (in any text, folded details included) no ISO dates (2026-11-28), no raw enum words
  (in_progress, citizen, higher…) and no number of five digits or more without
  a thousands separator;
- an official's page has its commitments tally within its first 1,100 px at 360 px.

    python3 scripts/phone_check.py output [--heights]

Exit 1 on any failure. Needs chromium, chromium-driver and selenium (see check-site.sh).
"""
import glob
import os
import re
import sys

from site_browser import chromium, serve, report


ENUM = re.compile(r"\b(in_progress|special_zone|party_secretary|vice_chairman|department_head|deputy_head|citizen|business|"
                  r"higher|lower|complete|incomplete|withdrawn|overdue|planned|rural|urban|mountainous|disadvantaged|"
                  r"chairman|commune|ward|department|scored|dropped|required_zero|actual/target|resolved|rejected)\b")
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
BIG = re.compile(r"(?<![\d.,/\w])\d{5,}(?![\d/\w])")

PROBE = """
const folded = document.documentElement.scrollHeight;
// Folded parts count too: open every <details> before measuring.
document.querySelectorAll('details:not([open])').forEach(d => d.open = true);
const vw = document.documentElement.clientWidth;
const wide = [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().width > vw + 1)
  .map(t => (t.caption ? t.caption.textContent : t.className).slice(0, 60));
// Text running out of its table cell (a fixed column too narrow, nowrap text): it overlaps the next cell.
const spill = [...document.querySelectorAll('td,th')].filter(c => c.getClientRects().length && c.scrollWidth > c.clientWidth + 1)
  .map(c => c.textContent.trim().slice(0, 40));
const tally = document.querySelector('.tally');
return {vw, scroll: document.documentElement.scrollWidth, height: folded, wide, spill,
        tallyTop: tally ? tally.getBoundingClientRect().top + window.scrollY : null,
        text: document.body.innerText};
"""


def pages(root):
    picks = ["index.html", "dia-phuong/index.html", "phuong-phap/index.html", "du-lieu/index.html", "tim-kiem/index.html",
             "phan-anh/index.html", "cam-ket/qua-han/index.html", "cam-ket/hoan-thanh/index.html", "cam-ket/da-rut/index.html",
             "nhom-so-sanh/index.html", "so-sanh/index.html", "en/so-sanh/index.html", "phuong-phap/giai-thich/index.html", "thay-doi/index.html", "404.html", "en/index.html"]
    picks += sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "nhom-so-sanh", "*", "index.html")))[:1]
    for loc in sorted(glob.glob(os.path.join(root, "dia-phuong", "*", "index.html")))[:3]:
        rel = os.path.relpath(loc, root)
        picks += [rel, os.path.join(os.path.dirname(rel), "thong-bao", "index.html")]
    officials = [p for p in glob.glob(os.path.join(root, "dia-phuong", "*", "*", "index.html"))
                 if "/thong-bao/" not in p and "/thay-doi/" not in p]
    # The longest official pages are the hardest case.
    officials.sort(key=lambda p: -os.path.getsize(p))
    picks += [os.path.relpath(p, root) for p in officials[:4]]
    if officials:
        picks.append("en/" + os.path.relpath(officials[0], root))
    return [p for p in picks if os.path.exists(os.path.join(root, p))]


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "output")
    show_heights = "--heights" in sys.argv
    base, server = serve(root)
    driver = chromium(["--hide-scrollbars"])
    failures = []
    try:
        for width in (360, 1280):
            driver.set_window_size(width, 1000)
            for page in pages(root):
                driver.get(base + page)
                r = driver.execute_script(PROBE)
                where = f"{page} @{width}px"
                if r["wide"]:
                    failures.append(f"{where}: table wider than the screen: {r['wide']}")
                if r["spill"]:
                    failures.append(f"{where}: {len(r['spill'])} table cell(s) with text running out of the cell: {r['spill'][:3]}")
                if r["scroll"] > r["vw"] + 1:
                    failures.append(f"{where}: page scrolls sideways ({r['scroll']} > {r['vw']})")
                vietnamese = not page.startswith("en/")
                if vietnamese:
                    text = r["text"]
                    for rx, what in ((ISO, "ISO date"), (ENUM, "English enum word"), (BIG, "number without separator")):
                        found = sorted(set(m.group(0) for m in rx.finditer(text)))
                        if found:
                            failures.append(f"{where}: {what}: {found[:5]}")
                is_official = page.count("/") == 3 and page.startswith("dia-phuong/") and "/thong-bao/" not in page and "/thay-doi/" not in page
                if is_official and width == 360 and (r["tallyTop"] is None or r["tallyTop"] > 1100):
                    failures.append(f"{where}: commitments tally not in the first 1,100 px (at {r['tallyTop']})")
                if show_heights:
                    print(f"{r['height']:>6} px  {where}")
    finally:
        driver.quit()
        server.shutdown()
    report(failures, f"phone check: {len(failures)} failure(s)")


if __name__ == "__main__":
    main()
