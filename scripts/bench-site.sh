#!/usr/bin/env bash
# Benchmark: building the demo site (release), with `congkhai score` on the same
# content as the baseline measured in the same run, and page weights.
#
#   bash scripts/bench-site.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
swift build -c release --product congkhai >/dev/null
BIN=.build/release/congkhai
OUT=$(mktemp -d)/site
# A full build starts from an empty output folder (a second build into the same
# folder finds nothing changed and writes nothing: measured separately).
# hyperfine applies a single --prepare to every command: one per command, so
# only the full build starts from an empty folder.
hyperfine --warmup 1 --runs 5 --export-json /tmp/congkhai-site-bench.json \
  -n "congkhai score (load + validate + score)" --prepare "true" "$BIN score content --format json" \
  -n "congkhai build (score + render + publish)" --prepare "rm -rf $OUT" "$BIN build content --output $OUT --quiet" \
  -n "congkhai build, nothing changed" --prepare "true" "$BIN build content --output $OUT --quiet" >/dev/null
PAGES=$(find "$OUT" -name '*.html' | wc -l)
FILES=$(find "$OUT" -type f | wc -l)
python3 - /tmp/congkhai-site-bench.json "$PAGES" "$FILES" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
pages, files = int(sys.argv[2]), int(sys.argv[3])
score, build = r[0]["mean"], r[1]["mean"]
print("| command | mean (s) | ± (s) | vs score |")
print("|---|---|---|---|")
for x in r:
    print(f"| {x['command']} | {x['mean']:.3f} | {x['stddev']:.3f} | {x['mean']/score:.2f}× |")
print(f"\n{pages} HTML pages, {files} files: {pages/build:.0f} pages/s for the whole build, "
      f"{pages/max(build-score,1e-9):.0f} pages/s for rendering and publishing alone")
PY
echo
echo "| page | HTML bytes | gzip bytes | + CSS/JS (gzip) |"
echo "|---|---|---|---|"
ASSETS=$(cat "$OUT/assets/style.css" "$OUT/assets/site.js" | gzip -9 | wc -c)
for p in index.html dia-phuong/xa-an-binh/index.html dia-phuong/xa-an-binh/nguyen-van-an/index.html; do
  echo "| $p | $(wc -c < "$OUT/$p") | $(gzip -9 < "$OUT/$p" | wc -c) | $ASSETS |"
done
