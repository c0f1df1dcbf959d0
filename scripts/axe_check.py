#!/usr/bin/env python3
"""Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the main page types of a
built site, in headless Chromium at phone (360 px) and desktop (1280 px) widths.

    python3 scripts/axe_check.py output
    python3 scripts/axe_check.py site --grown   # only the pages that grow with a locality's officials

Needs: Debian's chromium and chromium-driver; PyPI's selenium and
axe-playwright-python (only for the axe.min.js it ships). Exit 1 on any violation.
"""
import glob
import json
import os
import sys

import axe_playwright_python

from site_browser import chromium, serve

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Pages whose content does not grow with the officials a locality has (the
# same bytes give or take a few names on the demo and on a site with 205
# officials a locality): `--grown` leaves them to the demo's run, which
# checks them, so check-site.sh's second site spends its time on the long
# lists, pagers and long pages only that site has.
SAME_ON_EVERY_SITE = {"index.html", "en/index.html", "dia-phuong/index.html", "phuong-phap/index.html",
                      "phuong-phap/giai-thich/index.html", "du-lieu/index.html", "phan-anh/index.html",
                      "nhom-so-sanh/index.html", "404.html"}


def pages(root):
    picks = ["index.html", "dia-phuong/index.html", "phuong-phap/index.html", "du-lieu/index.html",
             "tim-kiem/index.html", "phan-anh/index.html", "cam-ket/qua-han/index.html", "nhom-so-sanh/index.html",
             "404.html", "en/index.html", "thay-doi/index.html", "so-sanh/index.html", "cam-ket/hoan-thanh/index.html", "phuong-phap/giai-thich/index.html"]
    localities = sorted(glob.glob(os.path.join(root, "dia-phuong", "*", "index.html")))
    if localities:
        loc = os.path.relpath(localities[0], root)
        picks.append(loc)
        picks.append(os.path.join(os.path.dirname(loc), "thong-bao", "index.html"))
        picks.append(os.path.join(os.path.dirname(loc), "thay-doi", "index.html"))
        officials = sorted(glob.glob(os.path.join(os.path.dirname(localities[0]), "*", "index.html")))
        officials = [o for o in officials if "/thong-bao/" not in o]
        if officials:
            picks.append(os.path.relpath(officials[0], root))
            picks.append("en/" + os.path.relpath(officials[0], root))
    else:
        picks.append("dia-phuong/<no locality page>/index.html")   # reported as missing below
    # A locality's leaderboard past its first page, when a site has one (not the demo).
    boards = sorted(glob.glob(os.path.join(root, "xep-hang", "*", "trang-2", "index.html")))
    picks += [os.path.relpath(b, root) for b in boards[:1]]
    # An official's commitments past their first page, when a site has one.
    cards = sorted(glob.glob(os.path.join(root, "dia-phuong", "*", "*", "trang-2", "index.html")))
    picks += [os.path.relpath(c, root) for c in cards[:1]]
    # The demo official whose deadline check-site.sh moves: history, trend and changes on one page.
    edited = "dia-phuong/xa-an-binh/nguyen-van-an/index.html"
    if os.path.exists(os.path.join(root, edited)) and edited not in picks:
        picks.append(edited)
    return picks


def main():
    args = sys.argv[1:]
    grown = "--grown" in args
    args = [a for a in args if a != "--grown"]
    root = os.path.abspath(args[0] if args else "output")
    picks = [p for p in pages(root) if not (grown and p in SAME_ON_EVERY_SITE)]
    axe_js = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8").read()
    base, server = serve(root)
    driver = chromium(["--allow-file-access-from-files"])
    total = 0
    checked = 0
    missing = [p for p in picks if not os.path.exists(os.path.join(root, p))]
    for p in missing:
        print(f"missing page: {p}")
        total += 1
    try:
        for width in (360, 1280):
            driver.set_window_size(width, 900)
            for page in picks:
                if page in missing:
                    continue
                driver.get(base + page)
                driver.execute_script(axe_js)
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: %s}}).then(r => done(r));" % json.dumps(TAGS))
                checked += 1
                for v in result["violations"]:
                    total += 1
                    nodes = ", ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:3])
                    print(f"{width}px {page}: {v['id']} ({v['impact']}): {v['help']} — {nodes}")
    finally:
        driver.quit()
        server.shutdown()
    print(f"axe: {checked} page checks, {total} violations or missing pages")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
