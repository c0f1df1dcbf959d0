#!/usr/bin/env bash
# Scale benchmark: a province N times the demo (`generate_demo.py --copies N`),
# congkhai's full build, no-change rebuild, one-file rebuild and check, with
# anchors measured in the same run on the same machine:
#   - Hugo building the same officials' Markdown as pages (one page each, a
#     minimal layout), and again as pages of the same size as congkhai's, as
#     the issue's rendering target asks (scripts/hugo-anchor: the whole front
#     matter; congkhai's published explanations, the theme's labels and each
#     official's feedback block computed from the published exports, all as
#     Hugo data made outside Hugo's timing; the same sections: tally, score
#     card, breakdown in words, commitment cards, feedback, channels), for
#     pages per second, with both page sizes printed;
#   - cmark-gfm rendering the same Markdown bodies;
#   - wc -l over the same feedback CSV files (reading the bytes once).
# Prints medians of RUNS runs, wall and CPU seconds, peak RSS and the ratios.
#
#   bash scripts/bench-scale.sh            # COPIES=30 (1,802 officials), RUNS=3
#   COPIES=100 RUNS=1 bash scripts/bench-scale.sh
#   COPIES=800 ROWS=20000000 RUNS=1 bash scripts/bench-scale.sh   # national: 48,000 officials, 2.5 GB of CSV
#   COPIES=277 STAFF=10 ROWS=20000000 RUNS=1 bash scripts/bench-scale.sh
#                                          # the issue's national shape: 3,324 localities, 49,859 officials,
#                                          # 20.1 M rows, 2.5 GB (BENCHMARKS.md's `nat20`)
#   CLEAN=1 ...                            # (root) each run from a dropped, re-read page cache
#   SPLIT=6000 ...                         # the exports cut into files of 6,000 rows each (a tree of
#                                          # many small exports: BENCHMARKS.md, forty-eighth session)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${COPIES:-30}
ROWS=${ROWS:-31000}
STAFF=${STAFF:-0}
RUNS=${RUNS:-3}
SPLIT=${SPLIT:-0}
W=${WORK:-bench-data/scale-$COPIES-$ROWS$([ "$STAFF" = 0 ] || echo "-staff$STAFF")$([ "$SPLIT" = 0 ] || echo "-split$SPLIT")}
command -v hugo >/dev/null && command -v cmark-gfm >/dev/null || { echo "needs Debian's hugo and cmark-gfm"; exit 2; }
swift build -c release --product congkhai >/dev/null
BIN=$(pwd)/.build/release/congkhai

if [ ! -f "$W/content/site.yaml" ]; then
  rm -rf "$W" && mkdir -p "$W"
  python3 scripts/generate_demo.py --copies "$COPIES" --staff "$STAFF" --feedback-rows "$ROWS" --out "$W/content" >/dev/null
  if [ "$SPLIT" != 0 ]; then
    # Each export cut into files of SPLIT records (the header repeated, a
    # record's quoted line breaks kept inside it), named after the export.
    python3 - "$W/content/feedback" "$SPLIT" <<'EOP'
import csv, io, os, sys
folder, size = sys.argv[1], int(sys.argv[2])
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        part, out, writer, n = 0, None, None, size
        for row in rows:
            if n == size:
                if out: out.close()
                part += 1
                out = open(os.path.join(folder, "%s-%04d.csv" % (name[:-4], part)), "w", encoding="utf-8", newline="")
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(header)
                n = 0
            writer.writerow(row)
            n += 1
        if out: out.close()
    os.remove(path)
EOP
  fi
fi
# The Hugo anchor: the same officials' Markdown (front matter reduced to a title), one page each.
if [ ! -d "$W/hugo" ]; then
  mkdir -p "$W/hugo/content" "$W/hugo/layouts/_default"
  printf 'baseURL = "https://example.org/"\ntitle = "anchor"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$W/hugo/hugo.toml"
  printf '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ .Content }}</main></body></html>\n' > "$W/hugo/layouts/_default/single.html"
  cp "$W/hugo/layouts/_default/single.html" "$W/hugo/layouts/_default/list.html"
  find "$W/content/officials" -name '*.md' | while read -r f; do
    rel=${f#"$W/content/officials/"}
    mkdir -p "$W/hugo/content/$(dirname "$rel")"
    name=$(sed -n 's/^name: "\(.*\)"/\1/p' "$f" | head -1)
    { printf -- '---\ntitle: "%s"\n---\n' "$name"; awk 'BEGIN{n=0} /^---$/{n++; next} n>=2' "$f"; } > "$W/hugo/content/$rel"
  done
  find "$W/content/officials" -name '*.md' -exec awk 'BEGIN{n=0} /^---$/{n++; next} n>=2' {} + > "$W/bodies.md"
fi

# CLEAN=1 (root): before every measured run, the page cache is dropped and
# the tree read back into it, so each run starts from the same memory:
# writing the national site into pages reclaimed from a full page cache
# took ~18 s more system time than into free memory (BENCHMARKS.md,
# thirtieth session) — more than most changes being measured.
settle() {
  if [ "${CLEAN:-0}" = 1 ]; then
    sync; echo 1 > /proc/sys/vm/drop_caches  # the page cache only: inodes and dentries stay
    find "$W/content" -type f -print0 | xargs -0 cat > /dev/null
  fi
}

measure() { # name command... → "name wall cpu rss" (median wall of RUNS; the wall also in $W/wall.txt)
  local name=$1; shift
  local results=()
  for _ in $(seq "$RUNS"); do
    settle
    /usr/bin/time -f "%e %U %S %M" -o "$W/time.txt" "$@" >/dev/null 2>&1 || true
    results+=("$(cat "$W/time.txt")")
  done
  printf '%s\n' "${results[@]}" | sort -n | awk -v r="$RUNS" 'NR==int((r+1)/2){print $1}' > "$W/wall.txt"
  printf '%s\n' "${results[@]}" | sort -n | awk -v n="$name" -v r="$RUNS" 'NR==int((r+1)/2){printf "%-34s %8.2f s wall %8.2f s cpu %8d MB\n", n, $1, $2+$3, $4/1024}'
}

echo "tree: $(ls "$W/content/localities" | wc -l) localities, $(find "$W/content/officials" -name '*.md' | wc -l) officials, $(du -sh "$W/content/feedback" | cut -f1) of feedback"
# The previous output is moved aside, not deleted, before each full build and
# removed only at the end: on ext4 without a journal, creating files soon
# after deleting many is slow in the kernel (recently_deleted), and a full
# build measured right after `rm -rf` of a national output lost 20-40 % of
# its page stage to it (BENCHMARKS.md).
# The folders a build keeps for the next one (`.out.congkhai.folders`,
# decision 106) are moved aside too: a full build here is a first build.
aside() {
  [ -d "$W/out" ] && mv "$W/out" "$W/old-out-$(date +%s%N)"
  [ -d "$W/.out.congkhai.folders" ] && mv "$W/.out.congkhai.folders" "$W/old-out-folders-$(date +%s%N)"
  true
}
aside
measure "congkhai build (full)" sh -c "[ -d '$W/out' ] && mv '$W/out' '$W/old-out-'\$(date +%s%N); [ -d '$W/.out.congkhai.folders' ] && mv '$W/.out.congkhai.folders' '$W/old-out-folders-'\$(date +%s%N); '$BIN' build '$W/content' --output '$W/out' --quiet"
FULL_WALL=$(cat "$W/wall.txt")
PAGES=$(find "$W/out" -name '*.html' | wc -l)
# congkhai's rendering alone: the plan, history and pages of one more full
# build (its "render" to "data" marks), without the load, the feedback
# ingest, the scoring or the open data.
aside
CONGKHAI_TIMING=1 "$BIN" build "$W/content" --output "$W/out" --quiet 2> "$W/timing.txt" >/dev/null || true
RENDER_S=$(awk '$1=="timing:" && $NF=="render"{r=$2} $1=="timing:" && $NF=="data"{d=$2} END{printf "%.2f", d-r}' "$W/timing.txt")
measure "congkhai build (nothing changed)" "$BIN" build "$W/content" --output "$W/out" --quiet
F=$(find "$W/content/officials" -name '*.md' -print -quit)
# A new edit each run: repeating one edit would find the previous run's build
# of it published and stop as "nothing changed".
cat > "$W/edit-build.sh" <<EOS
cp '$F' '$W/edited.bak'
sed -i "0,/^name: \"/s//name: \"X\$(date +%N)/" '$F'
'$BIN' build '$W/content' --output '$W/out' --quiet
status=\$?
cp '$W/edited.bak' '$F'
exit \$status
EOS
measure "congkhai build (one file edited)" sh "$W/edit-build.sh"
measure "congkhai check" "$BIN" check "$W/content" --quiet
# A nightly's comparison with the published site, without its rewriting
# (after the rebuilds above, whose state it would change):
# the state removed (so the inputs are not recognised) and the site's own
# as_of given, so every row and page is compared and the output is the
# same — its peak RSS is a nightly's (the 2 GiB target holds for it too).
AS_OF=$(sed -n 's/^as_of: *\([0-9-]*\).*/\1/p' "$W/content/site.yaml" | head -1)
measure "congkhai build (compared, as a nightly)" sh -c "rm -f '$W/.out.congkhai.state'; '$BIN' build '$W/content' --output '$W/out' --as-of '$AS_OF' --quiet"
# The contract's checks on the output: every official has a page, no page over 200 KB.
OFFICIALS=$(find "$W/content/officials" -name '*.md' | wc -l)
MISSING=$(find "$W/content/officials" -name '*.md' | sed 's|.*/officials/||; s|\.md$||' \
  | while read -r o; do [ -f "$W/out/dia-phuong/$o/index.html" ] || echo "$o"; done | wc -l)
BIG=$(find "$W/out" -name '*.html' -size +200k | wc -l)
echo "officials: $OFFICIALS, without a page: $MISSING; pages over 200 KB: $BIG"
measure "hugo (same officials, one page each)" hugo --quiet -s "$W/hugo" -d "$(pwd)/$W/hugo-out"
HUGO_PAGES=$(find "$W/hugo-out" -name '*.html' | wc -l)
# The second Hugo anchor: the same officials as pages like congkhai's and
# of the same size (~36 KB against ~38 KB) — their whole front matter
# (commitments and progress updates), the scores congkhai explains (its
# published data/explanations), the labels of the default theme and each
# official's feedback block (from the published exports), read by Hugo as
# data files, in a page layout with the same sections (scripts/hugo-anchor);
# page sizes are printed beside. Until 2026-12-06 this anchor left out the
# feedback block and the words, and its pages were 14.7 KB.
if [ ! -d "$W/hugo-scores" ]; then
  mkdir -p "$W/hugo-scores/content" "$W/hugo-scores/data"
  cp -r scripts/hugo-anchor/. "$W/hugo-scores/"
  cp -r "$W/out/data/explanations" "$W/hugo-scores/data/explanations"
  # The page's words, footer and feedback block as data Hugo renders (made
  # here, outside Hugo's timing, from what congkhai published).
  python3 scripts/hugo-anchor/labels.py themes/default/strings.yaml "$W/content/framework.yaml" "$W/content/site.yaml" "$W/hugo-scores/data"
  python3 scripts/hugo-anchor/feedback.py "$W/out/data" "$W/hugo-scores/data" "$(sed -n '/"as_of": *"/{s/.*"as_of": *"\([0-9-]*\)".*/\1/p;q}' "$W/out/data/scores.json")"
  find "$W/content/officials" -name '*.md' | while read -r f; do
    rel=${f#"$W/content/officials/"}
    mkdir -p "$W/hugo-scores/content/$(dirname "$rel")"
    name=$(sed -n 's/^name: "\(.*\)"/\1/p' "$f" | head -1)
    { printf -- '---\ntitle: "%s"\nofficial_id: "%s"\nlocality: "%s"\n' "$name" "$(basename "$rel" .md)" "$(dirname "$rel")"
      tail -n +2 "$f"; } > "$W/hugo-scores/content/$rel"
  done
fi
measure "hugo (officials with scores, a page like congkhai's)" hugo --quiet -s "$W/hugo-scores" -d "$(pwd)/$W/hugo-scores-out"
SCORES_WALL=$(cat "$W/wall.txt")
SCORES_PAGES=$(find "$W/hugo-scores-out" -name '*.html' | wc -l)
measure "cmark-gfm (same bodies)" cmark-gfm "$W/bodies.md"
measure "wc -l (same feedback CSV)" sh -c "cat '$W'/content/feedback/*.csv | wc -l"
echo "pages: congkhai $PAGES, hugo $HUGO_PAGES (divide each tool's pages by its wall time for pages/s)"
avg_kb() { find "$1" -mindepth "$2" -maxdepth "$2" -name index.html -printf '%s\n' | awk '{s+=$1; n++} END {printf "%.1f", n ? s/n/1000 : 0}'; }
html_mb() { find "$1" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}'; }
C_KB=$(avg_kb "$W/out/dia-phuong" 3)
H_KB=$(avg_kb "$W/hugo-scores-out" 3)
C_MB=$(html_mb "$W/out")
H_MB=$(html_mb "$W/hugo-scores-out")
awk -v p="$PAGES" -v full="$FULL_WALL" -v r="$RENDER_S" -v hp="$SCORES_PAGES" -v hw="$SCORES_WALL" -v ck="$C_KB" -v hk="$H_KB" -v cm="$C_MB" -v hm="$H_MB" 'BEGIN {
  printf "official pages: congkhai %s KB, hugo with scores %s KB on average\n", ck, hk
  printf "pages/s: hugo with scores %.0f; congkhai whole build %.0f (%.2fx), rendering alone (%.2f s) %.0f (%.2fx); the target is 5x\n",
         hp / hw, p / full, (p / full) / (hp / hw), r, p / r, (p / r) / (hp / hw)
  printf "HTML written: congkhai %s MB, %.0f MB/s rendering alone; hugo with scores %s MB, %.1f MB/s (%.1fx)\n", cm, cm / r, hm, hm / hw, (cm / r) / (hm / hw)
}'
rm -rf "$W"/old-out-* "$W"/.old-out-*.congkhai.state
