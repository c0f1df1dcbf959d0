"""Sortable tables in a browser (1280 px, where headers are clickable;
phones show tables as cards): a click on a numeric header orders the rows
by it, ascending then descending, and marks the header `aria-sort`; Enter
on a focused header does the same; on one page of a longer list a
`role=status` note under the table says that only this page was sorted,
with the text the pager carries, and on a page that is the whole list no
note appears. Vietnamese and English pages.

    python3 scripts/sort_check.py SITE      # a site with paginated tables (generate_demo.py --staff 200)
"""
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from site_browser import chromium, serve, report

STATE = """
const table = document.querySelector('table.sortable');
const th = table.querySelectorAll('thead th')[arguments[0]];
const col = arguments[0];
const num = s => parseFloat(s.replace(/\\s/g, '').replace(',', '.')) || 0;
const values = Array.from(table.tBodies[0].rows).map(r => num(r.cells[col].textContent.trim()));
const wrap = table.closest('.table-wrap') || table;
const next = wrap.nextElementSibling;
const pager = document.querySelector('nav.pager[data-sort-note]');
return {
  sort: th.getAttribute('aria-sort'),
  values: values,
  note: next && next.classList.contains('sort-note') ? {text: next.textContent, role: next.getAttribute('role')} : null,
  pagerNote: pager ? pager.getAttribute('data-sort-note') : null,
};
"""

FIRST_NUMERIC = """
const heads = Array.from(document.querySelector('table.sortable').querySelectorAll('thead th'));
return heads.findIndex(h => h.getAttribute('data-sort') === 'num');
"""


def html_pages(root):
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith(".html"):
                yield os.path.relpath(os.path.join(dirpath, f), root)


def pick(root):
    """A paginated and a whole-list page with a sortable table, in each language."""
    chosen = {}
    for page in sorted(html_pages(root)):
        with open(os.path.join(root, page), encoding="utf-8") as fh:
            html = fh.read()
        if 'class="sortable' not in html or 'data-sort="num"' not in html:
            continue
        lang = "en" if page.startswith("en/") else "vi"
        kind = "paginated" if "data-sort-note" in html else "whole"
        chosen.setdefault((lang, kind), page)
    return chosen


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "output")
    chosen = pick(root)
    failures = []
    for need in [(l, k) for l in ("vi", "en") for k in ("paginated", "whole")]:
        if need not in chosen:
            failures.append(f"no {need[1]} page with a sortable numeric column in {need[0]}")
    base, server = serve(root)
    driver = chromium()
    try:
        driver.set_window_size(1280, 1000)
        for (lang, kind), page in sorted(chosen.items()):
            where = f"{page} ({kind})"
            driver.get(base + page)
            col = driver.execute_script(FIRST_NUMERIC)
            head = driver.find_elements(By.CSS_SELECTOR, "table.sortable thead th")[col]
            before = driver.execute_script(STATE, col)
            if before["note"] is not None:
                failures.append(f"{where}: a sort note before any sort")
            if len(before["values"]) < 2:
                failures.append(f"{where}: fewer than two rows to sort")
            head.click()
            up = driver.execute_script(STATE, col)
            if up["sort"] != "ascending" or up["values"] != sorted(up["values"]):
                failures.append(f"{where}: first click: aria-sort {up['sort']}, rows not ascending: {up['values'][:6]}")
            head.click()
            down = driver.execute_script(STATE, col)
            if down["sort"] != "descending" or down["values"] != sorted(down["values"], reverse=True):
                failures.append(f"{where}: second click: aria-sort {down['sort']}, rows not descending: {down['values'][:6]}")
            head.send_keys(Keys.ENTER)
            key = driver.execute_script(STATE, col)
            if key["sort"] != "ascending" or key["values"] != sorted(key["values"]):
                failures.append(f"{where}: Enter on the header did not sort ascending")
            if kind == "paginated":
                note = key["note"]
                if not key["pagerNote"]:
                    failures.append(f"{where}: the pager carries no sort note")
                elif note is None or note["role"] != "status" or note["text"] != key["pagerNote"]:
                    failures.append(f"{where}: sort note {note!r}, expected role=status and {key['pagerNote']!r}")
            elif key["note"] is not None:
                failures.append(f"{where}: a sort note on a page that is the whole list: {key['note']!r}")
            print(f"sorted {where}: {len(key['values'])} rows" + (f", note {key['note']['text']!r}" if key["note"] else ""))
    finally:
        driver.quit()
        server.shutdown()
    report(failures, f"sort check: {len(failures)} failure(s)")


if __name__ == "__main__":
    main()
