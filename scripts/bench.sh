#!/usr/bin/env bash
# Benchmark: `congkhai score` on a generated 1,000,000-row feedback file.
# Reports wall time, MB/s and peak memory, with baselines measured in the same
# run (machines here are noisy: compare ratios, not seconds).
#
#   bash scripts/bench.sh            # 1,000,000 rows
#   ROWS=200000 bash scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
DATA=bench-data
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }

swift build -c release --product congkhai >/dev/null
BIN=.build/release/congkhai

if [ ! -f "$DATA/content/feedback/bench.csv" ] || [ "$(cat "$DATA/rows" 2>/dev/null)" != "$ROWS" ]; then
  rm -rf "$DATA/content"
  mkdir -p "$DATA"
  cp -r content "$DATA/content"
  rm -f "$DATA"/content/feedback/*.csv
  python3 scripts/generate_demo.py --feedback-only --rows "$ROWS" --out "$DATA/content/feedback/bench.csv"
  echo "$ROWS" > "$DATA/rows"
fi
CSV="$DATA/content/feedback/bench.csv"
BYTES=$(stat -c %s "$CSV")

hyperfine --warmup 1 --runs 5 --export-json "$DATA/hyperfine.json" \
  -n "wc -l (read the bytes once)" "wc -l $CSV" \
  -n "python3 csv.reader (count rows)" "python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\"))))' $CSV" \
  -n "congkhai score" "$BIN score $DATA/content --format json" >/dev/null

/usr/bin/time -v "$BIN" score "$DATA/content" --format json >/dev/null 2>"$DATA/time.txt"
PEAK_KB=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$DATA/time.txt")

python3 - "$DATA/hyperfine.json" "$BYTES" "$PEAK_KB" "$ROWS" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
size = int(sys.argv[2]); peak = int(sys.argv[3]); rows = int(sys.argv[4])
by = {r["command"]: r for r in results}
ck = by["congkhai score"]["mean"]
py = by["python3 csv.reader (count rows)"]["mean"]
print(f"rows: {rows:,}  file: {size/1e6:.1f} MB")
print("| command | mean (s) | ± (s) | MB/s | time vs python csv |")
print("|---|---|---|---|---|")
for r in results:
    print(f"| {r['command']} | {r['mean']:.3f} | {r['stddev']:.3f} | {size/1e6/r['mean']:.1f} | {r['mean']/py:.2f}× |")
print(f"\ncongkhai score: {size/1e6/ck:.1f} MB/s, {rows/ck:,.0f} rows/s, peak RSS {peak/1024:.0f} MiB")
PY
