#!/usr/bin/env bash
# The feedback scanner alone (Sources/Congkhai/Load/CSVScanner.swift and
# the byte searches it uses), optimised as a release build is (whole
# module), over the CSV files given, against
# `wc -l` and `cat` on the same files (the ingest's anchors, issue 10):
# hyperfine, then instructions per byte under callgrind on the first file
# when valgrind is installed. Decision 102, BENCHMARKS.md.
#
#   bash scripts/bench-scan.sh bench-data/mid16x/content/feedback/*.csv
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bash scripts/bench-scan.sh FILE.csv…" >&2; exit 2; }
cd "$(dirname "$0")/.."
files=()
for f in "$@"; do files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/main.swift" <<'SWIFT'
var records = 0, fields = 0
for path in CommandLine.arguments.dropFirst() {
    _ = CSVScanner(path: path).scan { r in records &+= 1; fields &+= r.count }
}
print(records, fields)
SWIFT
swiftc -O -wmo Sources/Congkhai/Load/CSVScanner.swift Sources/Congkhai/Load/TextDecoding.swift \
    Sources/Congkhai/Load/LegacyEncoding.swift Sources/Congkhai/Load/FieldBounds.swift Sources/Congkhai/Support/ByteSearch.swift \
    "$work/main.swift" -o "$work/scan"
cat "${files[@]}" > /dev/null
bytes=$(cat "${files[@]}" | wc -c)
echo "$# files, $bytes bytes; records and fields: $("$work/scan" "${files[@]}")"
hyperfine --warmup 1 --runs 5 "$work/scan ${files[*]}" "wc -l ${files[*]}" "cat ${files[*]}"
if command -v valgrind > /dev/null; then
    first=${files[0]}
    i=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/scan" "$first" 2>&1 | awk '/Collected/ {print $4}')
    n=$(wc -c < "$first")
    echo "scanner: $i instructions for $n bytes ($(awk -v i="$i" -v n="$n" 'BEGIN { printf "%.2f", i / n }') a byte, start-up included)"
fi
