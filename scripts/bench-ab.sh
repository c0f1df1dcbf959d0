#!/usr/bin/env bash
# Two congkhai binaries on one content tree, run alternately (A, B, A, B, …):
# this machine's speed drifts by 10–30 % within minutes, so a change of a few
# per cent shows only when both binaries see the same drift. Each run is a
# first build into a fresh folder under /dev/shm (CONGKHAI_TIMING=1); the
# script prints, per binary, the median wall time, CPU time (user + system,
# every thread) and peak RSS of the whole build and the CPU seconds spent in
# each stage, the ratio B/A of the medians, and checks that both binaries
# published the same bytes (data/manifest.json compared).
#
#   bash scripts/bench-ab.sh BASE_BINARY NEW_BINARY CONTENT [RUNS] [AS_OF]
#   bash scripts/bench-ab.sh /tmp/base/.build/release/congkhai .build/release/congkhai bench-data/prov/content 5
#
# EDIT=1: one-file rebuilds instead. Each binary first builds its own
# output and rebuilds it through one untimed edit; then each run edits the
# `name:` of one official's file (the first in byte order, a new name every
# run), times the rebuild, puts the file back and rebuilds untimed, so
# every timed run starts from the same published site. The manifests
# compared are those of the restored content. The file is put back however
# the script ends.
#
#   EDIT=1 bash scripts/bench-ab.sh /tmp/base/.build/release/congkhai .build/release/congkhai bench-data/prov/content 15
#
# A base binary: `git worktree add -f /tmp/base REV && (cd /tmp/base && swift build -c release --product congkhai)`.
set -euo pipefail
if [ $# -lt 3 ] || [ ! -x "$1" ] || [ ! -x "$2" ] || [ ! -f "$3/site.yaml" ]; then
  echo "usage: bash scripts/bench-ab.sh BASE_BINARY NEW_BINARY CONTENT [RUNS] [AS_OF]" >&2
  echo "  (two executable congkhai binaries and a content folder holding site.yaml)" >&2
  exit 2
fi
A=$1 B=$2 CONTENT=$3 RUNS=${4:-3} AS_OF=${5:-}
OUT=${OUT:-/dev/shm/congkhai-ab}
LOGS=$(mktemp -d)
asof=()
[ -n "$AS_OF" ] && asof=(--as-of "$AS_OF")

EDIT=${EDIT:-0}
clean() {  # label
  rm -rf "$OUT-$1" "$OUT-$1.build-report.json"
  rm -rf "$(dirname "$OUT")/.$(basename "$OUT")-$1".congkhai.* 2>/dev/null || true
}
# EDIT=1: the official's name prefixed with MARK, a rebuild timed into LOG,
# the file put back and rebuilt untimed.
edited_rebuild() {  # binary label mark log
  sed -i "0,/^name: \"/s/^name: \"/name: \"$3 /" "$EDITED"
  CONGKHAI_TIMING=1 /usr/bin/time -f 'time: %e %U %S %M' "$1" build "$CONTENT" --output "$OUT-$2" "${asof[@]}" --quiet \
    > "$4" 2>&1 || true
  cp "$LOGS/edited.orig" "$EDITED"
  "$1" build "$CONTENT" --output "$OUT-$2" "${asof[@]}" --quiet > /dev/null 2>&1 || true
}
if [ "$EDIT" = 1 ]; then
  EDITED=$(find "$CONTENT/officials" -name '*.md' | LC_ALL=C sort | sed -n 1p)  # sed reads to the end: `head` would close the pipe on sort (pipefail)
  cp "$EDITED" "$LOGS/edited.orig"
  trap 'cp "$LOGS/edited.orig" "$EDITED"' EXIT
  for k in A B; do
    bin=$A; [ "$k" = B ] && bin=$B
    clean "$k"
    # A first build, then one untimed edit and its undoing: the caches a
    # rebuild reads are then those of a rebuild, as in every timed run.
    "$bin" build "$CONTENT" --output "$OUT-$k" "${asof[@]}" --quiet > /dev/null 2>&1 || true
    edited_rebuild "$bin" "$k" "W$k" /dev/null
  done
fi

run() {  # binary label n
  if [ "$EDIT" = 1 ]; then
    edited_rebuild "$1" "$2" "X$2$3" "$LOGS/$2.$3"
  else
    clean "$2"
    CONGKHAI_TIMING=1 /usr/bin/time -f 'time: %e %U %S %M' "$1" build "$CONTENT" --output "$OUT-$2" "${asof[@]}" --quiet \
      > "$LOGS/$2.$3" 2>&1
  fi
  cp "$OUT-$2/data/manifest.json" "$LOGS/$2.manifest"
}

for n in $(seq 1 "$RUNS"); do
  run "$A" A "$n"
  run "$B" B "$n"
  echo "run $n of $RUNS done" >&2
done

python3 - "$LOGS" "$RUNS" <<'EOF'
import sys, statistics, re
logs, runs = sys.argv[1], int(sys.argv[2])
def parse(path):
    stages, prev_cpu, prev_name = {}, 0.0, None
    wall = cpu = rss = None
    for line in open(path):
        m = re.match(r"timing:\s+([\d.]+) s\s+([\d.]+) cpu\s+\d+ MB\s+\d+ MB now\s+(\S+)", line)
        if m:
            c = float(m.group(2))
            if prev_name: stages[prev_name] = stages.get(prev_name, 0) + c - prev_cpu
            prev_cpu, prev_name = c, m.group(3)
        m = re.match(r"time: ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", line)
        if m:
            wall, cpu, rss = float(m.group(1)), float(m.group(2)) + float(m.group(3)), int(m.group(4))
            if prev_name: stages[prev_name] = stages.get(prev_name, 0) + cpu - prev_cpu
    return wall, cpu, rss, stages
res = {k: [parse(f"{logs}/{k}.{n}") for n in range(1, runs + 1)] for k in "AB"}
med = lambda xs: statistics.median(xs)
print(f"{'':24} {'A (median)':>12} {'B (median)':>12} {'B/A':>7}")
for label, idx in (("wall s", 0), ("cpu s", 1), ("peak RSS KiB", 2)):
    a, b = med([r[idx] for r in res["A"]]), med([r[idx] for r in res["B"]])
    print(f"{label:24} {a:12.2f} {b:12.2f} {b / a:7.3f}")
names = list(res["A"][0][3].keys())
for s in names:
    a = med([r[3].get(s, 0) for r in res["A"]]); b = med([r[3].get(s, 0) for r in res["B"]])
    print(f"{'cpu s in ' + s:24} {a:12.2f} {b:12.2f} {(b / a if a else float('nan')):7.3f}   "
          + "A " + " ".join(f"{r[3].get(s, 0):.2f}" for r in res["A"]) + "  B " + " ".join(f"{r[3].get(s, 0):.2f}" for r in res["B"]))
for k in "AB":
    print(k, "wall per run:", " ".join(f"{r[0]:.2f}" for r in res[k]), " cpu:", " ".join(f"{r[1]:.2f}" for r in res[k]))
same = open(f"{logs}/A.manifest", "rb").read() == open(f"{logs}/B.manifest", "rb").read()
print("published bytes:", "identical (data/manifest.json)" if same else "DIFFERENT (data/manifest.json differs)")
EOF
[ "$EDIT" = 1 ] && cp "$LOGS/edited.orig" "$EDITED" && trap - EXIT
clean A
clean B
rm -rf "$LOGS"
