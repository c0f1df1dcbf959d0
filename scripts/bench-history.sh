#!/usr/bin/env bash
# A simulated year of nightly builds (DESIGN.md, "History and the ledger"):
# the demo province built into one output folder for every day of the period,
# as_of advancing daily, an editor moving one deadline every 30 days. Prints
# the size of the published ledger and score history at the end, the ledger
# entries, and the mean build time; then checks the result with verify.
#
#   bash scripts/bench-history.sh [DAYS]      (default 365)
set -euo pipefail
cd "$(dirname "$0")/.."
DAYS=${1:-365}
swift build -c release --product congkhai >/dev/null
BIN=$PWD/.build/release/congkhai
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r content "$WORK/content"
OUT="$WORK/site"
start=$(date +%s.%N)
for i in $(seq 0 $((DAYS - 1))); do
  day=$(date -d "2026-01-01 + $i days" +%F)
  if [ $((i % 30)) = 29 ]; then   # an editor moves a deadline once a month
    python3 - "$WORK/content/officials/xa-an-binh/nguyen-van-an.md" "$i" <<'PY'
import re, sys
p, i = sys.argv[1], int(sys.argv[2])
s = open(p, encoding="utf-8").read()
s = re.sub(r"deadline: 2026-(\d\d)-(\d\d)", lambda m: f"deadline: 2026-{m.group(1)}-{(int(m.group(2)) % 28) + 1:02d}", s, count=1)
open(p, "w", encoding="utf-8").write(s)
PY
  fi
  "$BIN" build "$WORK/content" --output "$OUT" --as-of "$day" --quiet --report "$WORK/report.json"
done
end=$(date +%s.%N)
ledger=$(du -sb "$OUT/data/ledger" | cut -f1)
history=$(du -sb "$OUT/data/history" | cut -f1)
entries=$(cat "$OUT"/data/ledger/entries-*.jsonl "$OUT/data/ledger/entries.jsonl" 2>/dev/null | wc -l)
frozen=$(du -sb "$OUT/ky" 2>/dev/null | cut -f1 || echo 0)
python3 -c "
import sys
days, t0, t1 = $DAYS, $start, $end
print(f'{days} nightly builds, {(t1 - t0) / days:.2f} s per build (release, demo province, 31,012 feedback rows)')
print(f'ledger: {$entries:,} entries, {$ledger / 1e6:.2f} MB; score history: {$history / 1e6:.2f} MB; total {($ledger + $history) / 1e6:.2f} MB')
print(f'frozen period copy (ky/): {${frozen:-0} / 1e6:.2f} MB')
"
"$BIN" verify "$OUT" --recompute
