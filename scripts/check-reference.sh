#!/usr/bin/env bash
# The independent exact scorer (scripts/reference_score.py, Python fractions)
# must agree with `congkhai score --format json` on every published digit:
# criteria, totals, bands, locality and peer ranks, robustness ranges, in both
# directions. Run on the demo at several as_of dates and on generated
# provinces of other seeds (and, with them, the tie-value tree of
# scripts/make_ties.py). CI runs it; any difference fails.
#   bash scripts/check-reference.sh [path/to/congkhai]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/congkhai}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
compare() {   # content as_of label
    local content=$1 asof=$2 label=$3
    "$BIN" score "$content" --as-of "$asof" --format json > "$TMP/scores.json" 2>/dev/null || { echo "FAIL $label: congkhai score failed"; fail=1; return; }
    if out=$(python3 scripts/reference_score.py "$content" --as-of "$asof" --compare "$TMP/scores.json"); then
        echo "ok   $label: $(echo "$out" | tail -1)"
    else
        echo "$out" | head -40
        echo "FAIL $label"
        fail=1
    fi
}
for asof in 2026-01-15 2026-06-30 2026-09-30 2026-11-28 2026-12-31 2027-02-01; do
    compare content "$asof" "demo as_of $asof"
done
for seed in 7 2027 31337; do
    python3 scripts/generate_demo.py --out "$TMP/seed-$seed" --seed "$seed" --rows 3000 >/dev/null
    "$BIN" check "$TMP/seed-$seed" --quiet >/dev/null 2>&1 || { echo "FAIL seed $seed: generated content does not check"; fail=1; continue; }
    for asof in 2026-06-30 2026-11-28; do compare "$TMP/seed-$seed" "$asof" "seed $seed as_of $asof"; done
done
# The same rows written as many small exports (one a commune or a month):
# the reference agrees, and congkhai's scores are the four exports' digit
# for digit (small exports once kept every file in memory; a split must
# never change a score).
python3 scripts/generate_demo.py --out "$TMP/split" --seed 7 --rows 3000 --split-exports 500 >/dev/null
compare "$TMP/split" 2026-11-28 "seed 7 as 63 exports of 500 rows"
"$BIN" score "$TMP/seed-7" --as-of 2026-11-28 --format json > "$TMP/whole.json" 2>/dev/null || true
"$BIN" score "$TMP/split" --as-of 2026-11-28 --format json > "$TMP/split.json" 2>/dev/null || true
if cmp -s "$TMP/whole.json" "$TMP/split.json" && [ -s "$TMP/whole.json" ]; then
    echo "ok   seed 7: split exports score as the whole ones"
else
    echo "FAIL seed 7: split exports score differently"; fail=1
fi
# The same rows with UUID-sized row ids and 32-byte respondent ids: the
# respondents are numbered by a digest of their bytes (decision 109), and
# every score must be the short ids' digit for digit.
python3 scripts/generate_demo.py --out "$TMP/long" --seed 7 --rows 3000 --long-ids >/dev/null
compare "$TMP/long" 2026-11-28 "seed 7 with long ids"
"$BIN" score "$TMP/long" --as-of 2026-11-28 --format json > "$TMP/long.json" 2>/dev/null || true
if cmp -s "$TMP/whole.json" "$TMP/long.json" && [ -s "$TMP/long.json" ]; then
    echo "ok   seed 7: long ids score as the short ones"
else
    echo "FAIL seed 7: long ids score differently"; fail=1
fi
# The same rows as another system may export them: one file for the year,
# every cell quoted (the header too), CRLF. Scores digit for digit.
python3 scripts/generate_demo.py --out "$TMP/one" --seed 7 --rows 3000 --one-export --quote-all >/dev/null
compare "$TMP/one" 2026-11-28 "seed 7 as one quoted export"
"$BIN" score "$TMP/one" --as-of 2026-11-28 --format json > "$TMP/one.json" 2>/dev/null || true
if cmp -s "$TMP/whole.json" "$TMP/one.json" && [ -s "$TMP/one.json" ]; then
    echo "ok   seed 7: one quoted export scores as the four"
else
    echo "FAIL seed 7: one quoted export scores differently"; fail=1
fi
python3 scripts/make_ties.py "$TMP/ties" >/dev/null
compare "$TMP/ties" 2026-11-28 "tie values"
if [ $fail -ne 0 ]; then echo "reference scorer: differences found"; exit 1; fi
echo "reference scorer: exact agreement"
