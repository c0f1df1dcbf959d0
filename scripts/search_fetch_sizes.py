#!/usr/bin/env python3
"""What the search page downloads for one query (BENCHMARKS.md, decision 91):
for officials' full names, localities' names and three words of commitment
titles drawn from the site's own index (seeded), a fresh page per query in
headless Chromium, summing the `search/` resources it fetched.

    python3 scripts/search_fetch_sizes.py SITE [--seed 7]
"""
import random
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from search_check import read_index, words
from site_browser import chromium, serve


def main():
    args = sys.argv[1:]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 7
    root = args[0]
    entries, _ = read_index(root)
    rng = random.Random(seed)
    by = {k: [e for e in entries if e[0] == k] for k in "olc"}
    queries = [("an official's full name", " ".join(words(e[1]))) for e in rng.sample(by["o"], min(10, len(by["o"])))]
    queries += [("a locality's name", " ".join(words(e[1]))) for e in rng.sample(by["l"], min(5, len(by["l"])))]
    queries += [("three words of a commitment title", " ".join(words(e[1])[:3])) for e in rng.sample(by["c"], min(10, len(by["c"])))]
    base, server = serve(root)
    driver = chromium()
    results = {}
    try:
        for kind, q in queries:
            driver.get(base + "tim-kiem/?q=" + q.replace(" ", "+"))
            WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "results").get_attribute("data-query") == q)
            sizes = driver.execute_script("return performance.getEntriesByType('resource')"
                                          ".filter(r => r.name.indexOf('/search/') >= 0).map(r => r.decodedBodySize)")
            shown = len(driver.find_elements(By.CSS_SELECTOR, "#results li > a"))
            results.setdefault(kind, []).append((sum(sizes), len(sizes), shown))
    finally:
        driver.quit()
        server.shutdown()
    for kind, rows in results.items():
        total = sorted(r[0] for r in rows)
        print(f"{kind}: median {total[len(total) // 2] / 1000:.0f} KB, max {total[-1] / 1000:.0f} KB, "
              f"files {sorted(r[1] for r in rows)}, results shown {[r[2] for r in rows]}")


if __name__ == "__main__":
    main()
