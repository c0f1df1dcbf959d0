#!/usr/bin/env bash
# The CLI's exit codes are a contract with cron jobs: 0 ok, 1 content errors,
# 2 usage, 3 I/O. Checks each against the debug binary.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/congkhai}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0; failed=0
expect() { # expected-code description command...
  local want=$1 what=$2; shift 2
  "$@" >/dev/null 2>"$TMP/err"; local got=$?
  if [ "$got" = "$want" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what: exit $got, expected $want"; sed 's/^/  /' "$TMP/err" | head -5; fi
}
cp -r content "$TMP/ok"
cp -r content "$TMP/broken"
printf 'name: [unclosed\n' > "$TMP/broken/localities/xa-an-binh.yaml"
expect 0 "check on the demo" "$BIN" check "$TMP/ok" --quiet
expect 1 "check on a broken tree" "$BIN" check "$TMP/broken" --quiet
grep -q "localities/xa-an-binh.yaml:[0-9]*:[0-9]*: error" "$TMP/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: no file:line:col in the message"; }
expect 1 "score on a broken tree" "$BIN" score "$TMP/broken"
expect 2 "unknown format" "$BIN" score "$TMP/ok" --format xml
expect 2 "invalid --as-of" "$BIN" score "$TMP/ok" --as-of 2026-02-30
expect 2 "unknown subcommand" "$BIN" publish
expect 1 "missing content folder" "$BIN" check "$TMP/nope"
mkdir -p "$TMP/ro" && touch "$TMP/ro/file"
expect 3 "output path is a file" "$BIN" build "$TMP/ok" --output "$TMP/ro/file" --quiet
expect 1 "build on a broken tree" "$BIN" build "$TMP/broken" --output "$TMP/out" --quiet
[ ! -e "$TMP/out" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: a failed build created its output"; }
# verify: 0 on an intact site, 1 on a tampered one, 2 on usage errors.
"$BIN" build "$TMP/ok" --output "$TMP/site" --quiet 2>/dev/null
expect 0 "verify on a fresh build" "$BIN" verify "$TMP/site" --recompute
expect 0 "the independent Python ledger check on a fresh build" python3 scripts/verify_ledger.py "$TMP/site"
cp -r "$TMP/site" "$TMP/tampered"
sed -i 's/"total": [0-9]/"total": 9/' "$TMP/tampered/data/scores.json"
expect 1 "verify on an edited scores.json" "$BIN" verify "$TMP/tampered"
expect 1 "the Python ledger check on an edited scores.json" python3 scripts/verify_ledger.py "$TMP/tampered"
# Files no build publishes (decision 120): a hidden .htaccess, a link to a folder; a repository's .git and .gitkeep pass.
cp -r "$TMP/site" "$TMP/hidden"
printf 'Redirect 301 / https://example.com/\n' > "$TMP/hidden/.htaccess"
expect 1 "verify on a site with a .htaccess" "$BIN" verify "$TMP/hidden"
expect 1 "the Python ledger check on a site with a .htaccess" python3 scripts/verify_ledger.py "$TMP/hidden"
rm "$TMP/hidden/.htaccess"; ln -s /etc "$TMP/hidden/khac"
expect 1 "verify on a site with a link to a folder" "$BIN" verify "$TMP/hidden"
expect 1 "the Python ledger check on a site with a link to a folder" python3 scripts/verify_ledger.py "$TMP/hidden"
rm "$TMP/hidden/khac"; echo x > "$TMP/hidden/data/ledger/ghi-chu.html"
expect 1 "verify on a site with a foreign file in data/ledger" "$BIN" verify "$TMP/hidden"
expect 1 "the Python ledger check on a site with a foreign file in data/ledger" python3 scripts/verify_ledger.py "$TMP/hidden"
rm "$TMP/hidden/data/ledger/ghi-chu.html"; mkdir -p "$TMP/hidden/.git"; echo 'ref: refs/heads/main' > "$TMP/hidden/.git/HEAD"; : > "$TMP/hidden/.gitkeep"
expect 0 "verify on a site kept in a repository" "$BIN" verify "$TMP/hidden"
expect 0 "the Python ledger check on a site kept in a repository" python3 scripts/verify_ledger.py "$TMP/hidden"
# A ledger split into segments (decisions 117, 118), built twice: both checks read it whole;
# a split ledger is its numbered segments alone (no entries.jsonl beside them).
CONGKHAI_LEDGER_SEGMENT_BYTES=20000 "$BIN" build "$TMP/ok" --output "$TMP/segmented" --quiet --as-of 2026-11-01 2>/dev/null
CONGKHAI_LEDGER_SEGMENT_BYTES=20000 "$BIN" build "$TMP/ok" --output "$TMP/segmented" --quiet --as-of 2026-11-28 2>/dev/null
[ -f "$TMP/segmented/data/ledger/entries-000002.jsonl" ] && [ ! -e "$TMP/segmented/data/ledger/entries.jsonl" ] && passed=$((passed + 1)) \
  || { failed=$((failed + 1)); echo "FAIL: no ledger segments, or entries.jsonl beside them"; }
expect 0 "verify on a segmented ledger" "$BIN" verify "$TMP/segmented"
expect 0 "the Python ledger check on a segmented ledger" python3 scripts/verify_ledger.py "$TMP/segmented"
# Decision 117's layout: the open segment named entries.jsonl beside the others.
cp -r "$TMP/segmented" "$TMP/beside"
last=$(ls "$TMP/beside/data/ledger"/entries-*.jsonl | sort | tail -n 1)
mv "$last" "$TMP/beside/data/ledger/entries.jsonl"
expect 1 "verify on entries.jsonl beside segments" "$BIN" verify "$TMP/beside"
expect 1 "the Python ledger check on entries.jsonl beside segments" python3 scripts/verify_ledger.py "$TMP/beside"
sed -i '1s/"as_of":"/"as_of":"x/' "$TMP/segmented/data/ledger/entries-000002.jsonl"
expect 1 "verify on an edited segment" "$BIN" verify "$TMP/segmented"
expect 1 "the Python ledger check on an edited segment" python3 scripts/verify_ledger.py "$TMP/segmented"
# --previous OLD (an older copy: a mirror, an archive): OLD's ledger lines
# are the site's first, OLD's frozen periods and score-history rows are in
# the site unchanged. Both verifiers, each way the past can differ; OLD is
# the copy altered, so the site itself verifies and only the comparison
# can notice.
"$BIN" build "$TMP/ok" --output "$TMP/past" --quiet --as-of 2026-12-30 2>/dev/null
"$BIN" build "$TMP/ok" --output "$TMP/past" --quiet --as-of 2026-12-31 2>/dev/null
cp -r "$TMP/past" "$TMP/past-old"
"$BIN" build "$TMP/ok" --output "$TMP/past" --quiet --as-of 2027-01-04 2>/dev/null
expect 0 "verify --previous on a later build" "$BIN" verify "$TMP/past" --previous "$TMP/past-old"
expect 0 "the Python ledger check --previous on a later build" python3 scripts/verify_ledger.py "$TMP/past" --previous "$TMP/past-old"
past_case() { # name, what makes the copy from $TMP/past-old (at $ALT), the line both verifiers must print
  rm -rf "$TMP/past-alt" && cp -r "$TMP/past-old" "$TMP/past-alt"
  ALT="$TMP/past-alt" eval "$2"
  for v in "$BIN verify" "python3 scripts/verify_ledger.py"; do
    $v "$TMP/past" --previous "$TMP/past-alt" >"$TMP/past.out" 2>&1; local got=$?
    if [ "$got" = 1 ] && grep -qF "$3" "$TMP/past.out"; then passed=$((passed + 1))
    else failed=$((failed + 1)); echo "FAIL: $v --previous, $1: exit $got"; head -3 "$TMP/past.out" | sed 's/^/  /'; fi
  done
}
past_case "a frozen file" "sed -i '0,/\"total\": /s/\"total\": /\"total\": 9/' \"\$ALT/ky/2026/data/scores.json\"" \
  "ky/2026/data/scores.json: differs from the frozen period of --previous"
past_case "a history row" "sed -i '0,/^2026-12-30,/s/^2026-12-30,\([^,]*\),\([^,]*\),[0-9]*/2026-12-30,\1,\2,99/' \"\$ALT/data/history/2026.csv\"" \
  "data/history/2026.csv: the rows of 2026-12-30 differ from --previous"
past_case "a ledger line" "sed -i '1s/\"as_of\":\"/\"as_of\":\"x/' \"\$ALT/data/ledger/entries.jsonl\"" \
  "ledger: does not extend previous (seq 1 differs)"
n=$(wc -l < "$TMP/past/data/ledger/entries.jsonl")
past_case "a fork: the copy built on another day" "\"\$BIN\" build \"\$TMP/ok\" --output \"\$ALT\" --quiet --as-of 2027-01-05 2>/dev/null" \
  "ledger: does not extend previous (seq $n differs)"
past_case "a copy built later than the site" "rm -rf \"\$ALT\" && cp -r \"\$TMP/past\" \"\$ALT\" && \"\$BIN\" build \"\$TMP/ok\" --output \"\$ALT\" --quiet --as-of 2027-01-05 2>/dev/null" \
  "ledger: does not extend previous (ends at seq $n, previous at seq $((n + 1)))"
expect 2 "verify without a site" "$BIN" verify
expect 2 "verify with a bad --key" "$BIN" verify "$TMP/site" --key abc
rm -rf "$TMP/site/data/ledger"
expect 1 "build over a published site whose ledger was deleted" "$BIN" build "$TMP/ok" --output "$TMP/site" --quiet
expect 0 "the same with --new-ledger" "$BIN" build "$TMP/ok" --output "$TMP/site" --quiet --new-ledger
# Diagnostics for machines.
expect 1 "check --format json on a broken tree" "$BIN" check "$TMP/broken" --format json
{ "$BIN" check "$TMP/broken" --format json 2>/dev/null || true; } | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["errors"]==1 and d["diagnostics"][0]["file"]=="localities/xa-an-binh.yaml"' \
  && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: check --format json is not the report schema"; }
{ "$BIN" check "$TMP/broken" --format github 2>/dev/null || true; } | grep -q "^::error file=$TMP/broken/localities/xa-an-binh.yaml,line=[0-9]*" \
  && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: check --format github gives no annotation"; }
expect 2 "check --format xml" "$BIN" check "$TMP/ok" --format xml
# new: skeletons check clean; nothing is overwritten.
expect 0 "new site" "$BIN" new site "$TMP/new" --province "Tỉnh Thử"
expect 0 "new locality" "$BIN" new locality xa-an-binh --content "$TMP/new"
expect 0 "new official" "$BIN" new official xa-an-binh nguyen-van-an --role chairman --content "$TMP/new"
expect 0 "new commitment" "$BIN" new commitment xa-an-binh/nguyen-van-an --content "$TMP/new"
expect 0 "check on the new site" "$BIN" check "$TMP/new"
expect 1 "new locality over an existing one" "$BIN" new locality xa-an-binh --content "$TMP/new"
expect 1 "new official in a missing locality" "$BIN" new official xa-khong-co ai-do --content "$TMP/new"
# rollback: a verified earlier build goes back; a tampered one is refused.
"$BIN" build "$TMP/ok" --output "$TMP/rb-site" --quiet --as-of 2026-11-01 2>/dev/null
cp -al "$TMP/rb-site" "$TMP/rb-kept"
"$BIN" build "$TMP/ok" --output "$TMP/rb-site" --quiet 2>/dev/null
cp -r "$TMP/rb-kept" "$TMP/rb-bad" && sed -i 's/"total": [0-9]/"total": 9/' "$TMP/rb-bad/data/scores.json"
expect 1 "rollback to a tampered build" "$BIN" rollback "$TMP/rb-site" --to "$TMP/rb-bad"
expect 0 "rollback to a kept build" "$BIN" rollback "$TMP/rb-site" --to "$TMP/rb-kept"
cmp -s "$TMP/rb-site/data/scores.json" "$TMP/rb-kept/data/scores.json" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: rollback did not restore the kept build"; }
# The default theme is built in: a content folder alone builds from any directory.
BIN_ABS=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
expect 0 "build from / with the built-in theme" sh -c "cd / && '$BIN_ABS' build '$TMP/ok' --output '$TMP/from-root' --quiet"
[ -f "$TMP/from-root/assets/style.css" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: no theme assets in a build from /"; }
# CONGKHAI_TIMING=1 (the benchmarks' stage timings) names every stage in
# order on stderr, and a build without it prints no such line.
STAGES=$(CONGKHAI_TIMING=1 "$BIN" build "$TMP/ok" --output "$TMP/timed" --quiet 2>&1 >/dev/null | awk '/^timing:/{print $NF}' | tr '\n' ' ')
[ "$STAGES" = "load key score validate feedback officials render pages data manifest publish fingerprint state cache " ] && passed=$((passed + 1)) \
  || { failed=$((failed + 1)); echo "FAIL: CONGKHAI_TIMING stages were: $STAGES"; }
"$BIN" build "$TMP/ok" --output "$TMP/untimed" --quiet 2>&1 | grep -q '^timing:' \
  && { failed=$((failed + 1)); echo "FAIL: timing lines without CONGKHAI_TIMING"; } || passed=$((passed + 1))
# serve, stopped by Ctrl-C (SIGINT) or SIGTERM, leaves nothing in the
# temporary folder (its private output, lock, state, caches, kept folders)
# and ends as the signal would (128 + its number).
for sig in INT TERM; do
  mkdir -p "$TMP/serve-$sig"
  PORT=$((20000 + RANDOM % 20000))
  TMPDIR="$TMP/serve-$sig" "$BIN" serve "$TMP/ok" --port "$PORT" >"$TMP/serve-$sig.log" 2>&1 &
  SERVE=$!
  for _ in $(seq 1 240); do grep -q "preview of" "$TMP/serve-$sig.log" && break; sleep 0.5; done
  kill -"$sig" "$SERVE"
  # A serve that ignores the signal is killed after 30 s, and fails.
  for _ in $(seq 1 60); do kill -0 "$SERVE" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$SERVE" 2>/dev/null && kill -9 "$SERVE"
  wait "$SERVE"; got=$?
  want=$((128 + $(kill -l "$sig")))
  left=$(ls -A "$TMP/serve-$sig" | wc -l)
  if [ "$got" = "$want" ] && [ "$left" = 0 ] && grep -q "preview of" "$TMP/serve-$sig.log"; then passed=$((passed + 1))
  else failed=$((failed + 1)); echo "FAIL: serve stopped by SIG$sig: exit $got (expected $want), $left entries left in its temporary folder"; fi
done
echo "cli exit codes: $passed passed, $failed failed"
[ "$failed" = 0 ]
