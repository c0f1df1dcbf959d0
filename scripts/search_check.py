#!/usr/bin/env python3
"""The search page as a reader uses it, checked in headless Chromium at 360 px
against a reference written here from decision 91's rules:

- every entry of the index (read back from all of `search/`) that holds every
  word of a query (after the first, the last may be unfinished: 3 letters or
  more) is a
  result, ranked exact name, name holding every word, any field; officials,
  localities, commitments; then by folded name and address; at most 50 shown;
- queries: officials' full names, locality names, words of commitment titles,
  an unfinished last word, words in any order, a word found nowhere, an
  English page;
- no file of the index over 100 KB.

    python3 scripts/search_check.py output [--min-partial N]

`--min-partial N` fails unless at least N queries had more results than the
browser fetched (a large site, so that path is exercised too).

Exit 1 on any failure. Needs chromium, chromium-driver and selenium (see check-site.sh).
"""
import glob
import json
import os
import random
import re
import sys
import unicodedata

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from site_browser import chromium, serve, report


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not 0x300 <= ord(c) <= 0x36F)
    return s.replace("đ", "d").replace("Đ", "D").lower()


def words(s):
    return [w for w in re.split(r"[^a-z0-9]+", fold(s)) if w]


def entry_words(e):
    w = words(e[1])
    if e[0] == "o":
        w += words(e[2])
    if e[0] == "l":
        w += e[3].split("/")[1].split("-")
    return w


_folded = {}


def folded(e):
    """An entry's words and its name's words, folded once per entry (the
    30-copy demo's ~11,000 entries were folded again for every query)."""
    key = tuple(e)
    if key not in _folded:
        _folded[key] = (entry_words(e), words(e[1]))
    return _folded[key]


def expected(entries, query, limit=50):
    terms = words(query)
    if not terms:
        return []
    last = len(terms) - 1
    open_last = last > 0 and len(terms[last]) >= 3

    def has(ws, t, prefix):
        return any(w == t or (prefix and w.startswith(t)) for w in ws)

    hits = []
    for e in entries:
        allw, name = folded(e)
        if not all(has(allw, t, open_last and i == last) for i, t in enumerate(terms)):
            continue
        if " ".join(name) == " ".join(terms):
            score = 0
        elif all(has(name, t, open_last and i == last) for i, t in enumerate(terms)):
            score = 1
        else:
            score = 2
        hits.append((score * 10 + "olc".index(e[0]), " ".join(name).encode(), e[3].encode(), e))
    hits.sort(key=lambda h: h[:3])
    return [(h[3][1], h[3][3]) for h in hits[:limit]]


def read_index(root):
    entries = {}
    too_big = []
    for path in glob.glob(os.path.join(root, "search", "*.json")):
        if os.path.getsize(path) > 100_000:
            too_big.append(os.path.relpath(path, root))
        data = json.load(open(path, encoding="utf-8"))
        if isinstance(data, list):          # a part of a long list
            lists = [data]
        elif "buckets" in data:             # search/index.json
            lists = []
        else:                               # a bucket: short lists inside
            lists = [v.get("e", []) for v in data.values()]
        for lst in lists:
            for e in lst:
                entries[e[3]] = e
    return list(entries.values()), too_big


def queries(entries, rng):
    officials = [e for e in entries if e[0] == "o"]
    localities = [e for e in entries if e[0] == "l"]
    commitments = [e for e in entries if e[0] == "c"]
    qs = []
    for e in rng.sample(officials, min(8, len(officials))):
        qs.append(e[1])                                  # a full name, with diacritics
        w = words(e[1])
        qs.append(" ".join(w))                           # without
        qs.append(" ".join(w[:-1] + [w[-1][:3]]) if len(w[-1]) > 3 else " ".join(reversed(w)))
    for e in rng.sample(localities, min(4, len(localities))):
        qs.append(e[1])
        qs.append(e[1] + " " + "chủ tịch")
    for e in rng.sample(commitments, min(8, len(commitments))):
        w = words(e[1])
        qs.append(" ".join(w[:2]))
        qs.append(w[-1])
    qs += ["xyzzyqq", "nguyen", "xa", "  "]
    return qs


def main():
    args = [a for a in sys.argv[1:]]
    min_partial = 0
    if "--min-partial" in args:
        i = args.index("--min-partial")
        min_partial = int(args[i + 1])
        del args[i:i + 2]
    root = os.path.abspath(args[0] if args else "output")
    entries, too_big = read_index(root)
    failures = [f"{p}: over 100 KB" for p in too_big]
    if not entries:
        failures.append("search/: no entries")
    rng = random.Random(2026)
    base, server = serve(root)
    driver = chromium(phone_width=360)
    checked = partials = 0
    try:
        for page, prefix in (("tim-kiem/", ""), ("en/tim-kiem/", "en/")):
            driver.get(base + page)
            box = driver.find_element(By.ID, "q")
            for q in queries(entries, rng) if prefix == "" else ["nguyen van an", "kenh muong"]:
                box.clear()
                box.send_keys(q)
                want = expected(entries, q)

                # site.js marks the list with the query it shows.
                try:
                    WebDriverWait(driver, 10).until(
                        lambda d: d.find_element(By.ID, "results").get_attribute("data-query") == q)
                except Exception:
                    failures.append(f"{page} {q!r}: the results never showed this query")
                    continue
                # What the list shows, read in one round trip (one WebDriver
                # call per link made this check ~4× slower on long lists).
                shown = driver.execute_script(
                    "const r = document.getElementById('results');"
                    "const first = r.querySelector('li');"
                    "return {links: Array.from(r.querySelectorAll('li > a'), a => [a.innerText.trim(), a.href]),"
                    " notes: Array.from(r.querySelectorAll('li.note'), li => li.innerText.trim()),"
                    " partial: document.querySelector('form.search').getAttribute('data-partial'),"
                    " firstClass: first ? first.getAttribute('class') : null};")
                got = [(text, href[len(base) + len(prefix):]) for text, href in shown["links"]]
                notes = shown["notes"]
                partial = shown["partial"]
                if partial in notes:
                    partials += 1
                    # Said first: a reader looking for one person sees it before the results.
                    if shown["firstClass"] != "note":
                        failures.append(f"{page} {q!r}: the note that there are more results is not first")
                    # More than the browser fetched: what it shows must be matches, in order.
                    every = expected(entries, q, limit=None)
                    order = {hit: i for i, hit in enumerate(every)}
                    ranks = [order.get(hit, -1) for hit in got]
                    if -1 in ranks or ranks != sorted(ranks):
                        failures.append(f"{page} {q!r}: partial results not all matches in rank order: {got[:3]}")
                elif got != want:
                    failures.append(f"{page} {q!r}: got {got[:3]}… ({len(got)}), want {want[:3]}… ({len(want)})")
                if q.strip() and not want and not notes:
                    failures.append(f"{page} {q!r}: nothing found, and no note says so")
                checked += 1
    finally:
        driver.quit()
        server.shutdown()
    if partials < min_partial:
        failures.append(f"only {partials} queries had more results than fetched (wanted {min_partial})")
    report(failures, f"search check: {checked} queries ({partials} with more results than fetched), {len(entries)} entries, "
                     f"{len(failures)} failure(s)")


if __name__ == "__main__":
    main()
