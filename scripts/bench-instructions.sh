#!/usr/bin/env bash
# Instructions, counted exactly, for one build of the demo by each binary
# given: for changes of a few per cent, which timings on this VM cannot
# resolve (BENCHMARKS.md, fiftieth session). Two runs of one binary differ
# by ~0.1 %.
#
#   bash scripts/bench-instructions.sh [BINARY ...]     # default: .build/release/congkhai
#   CONTENT=bench-data/prov/content bash scripts/bench-instructions.sh /tmp/a /tmp/b
#
# valgrind gives up on the release binary's debug sections, so each binary
# is copied without them (`objcopy --strip-debug`; symbols stay). SHA-256
# runs without SHA-NI under valgrind, so hashing weighs far more here than
# on the machine: compare the rows, not the shares. Needs `valgrind`
# (Debian package). Prints, per binary, the program's total and the
# inclusive counts of the build's main parts.
set -euo pipefail
cd "$(dirname "$0")/.."
CONTENT=${CONTENT:-content}
[ $# -gt 0 ] || set -- .build/release/congkhai
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Inclusive instructions of the first function whose symbol matches each pattern.
parts=(
  "page rendering|SiteRendererV10renderPage"
  "page models|SiteRendererV9pageModel"
  "templates|TemplateLibraryV11renderBytes"
  "feedback ingest|FeedbackIngestO3run"
  "loading|ContentLoaderO4load_"
  "ledger sealed|HistoryStageV4seal_"
)

printf '%-22s' "instructions (M)"
for bin in "$@"; do printf '%16s' "$(basename "$bin")"; done
echo
declare -A cell
i=0
for bin in "$@"; do
  copy="$work/bin$i"
  objcopy --strip-debug "$bin" "$copy"
  out="$work/out$i"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg$i" "$copy" build "$CONTENT" --output "$out" --quiet \
    > /dev/null 2> "$work/vg$i" || true
  total=$(grep -o 'Collected : [0-9]*' "$work/vg$i" | awk '{print $3}')
  cell["total,$i"]=$(awk -v n="${total:-0}" 'BEGIN {printf "%.1f", n / 1e6}')
  callgrind_annotate --inclusive=yes "$work/cg$i" > "$work/inc$i" 2>/dev/null || true
  for p in "${parts[@]}"; do
    name=${p%%|*}; pattern=${p#*|}
    # A function the compiler inlined has no row of its own: 0, not a failed run.
    n=$( (grep -m1 "$pattern" "$work/inc$i" || true) | awk '{gsub(",", "", $1); print $1}')
    cell["$name,$i"]=$(awk -v n="${n:-0}" 'BEGIN {printf "%.1f", n / 1e6}')
  done
  i=$((i + 1))
done
for row in total "${parts[@]}"; do
  name=${row%%|*}
  printf '%-22s' "$name"
  for ((k = 0; k < i; k++)); do printf '%16s' "${cell[$name,$k]}"; done
  echo
done
