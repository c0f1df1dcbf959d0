#!/usr/bin/env bash
# libFuzzer runs of the three untrusted-input paths, each for a fixed budget:
#   official  front-matter splitter + YAML (limits) + decoders
#   csv       feedback CSV scanner + field decoding + masking
#   markdown  cmark-gfm rendering + link filter + masking
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 60)
#
# The library is built by SwiftPM with coverage and ASan instrumentation;
# each target is linked with swiftc -sanitize=fuzzer (SwiftPM cannot link an
# executable whose main comes from libFuzzer). Seeds come from content/ and
# Fuzz/corpus/.
#
# Exits non-zero when any target crashes, leaks, times out or runs out of
# memory. The input that did it is kept under Fuzz/regressions/<target>/ (commit
# it: FuzzRegressionTests replays every file there in `swift test`), and the
# fuzzer's last lines are printed. Per target it prints the executions done.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=${1:-60}
swift build --target Congkhai --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >/dev/null
B=.build-fuzz/x86_64-unknown-linux-gnu/debug
# BigInt's object files have spaces in their names ("Prime Test.swift.o"): an array, not a string.
mapfile -d '' ALL < <(find "$B/Congkhai.build" "$B/Yams.build" "$B/CYaml.build" "$B/BigInt.build" "$B/CSupport.build" -name '*.o' -print0)
# Objects of source files that no longer exist stay in the build folder: leave them out.
CURRENT=$(find Sources/Congkhai -name '*.swift' -printf '%f\n')
OBJS=()
for o in "${ALL[@]}"; do
  if [[ "$o" == */Congkhai.build/*.swift.o ]] && ! grep -qxF "$(basename "$o" .o)" <<<"$CURRENT"; then continue; fi
  OBJS+=("$o")
done
MAPS=""
for m in Sources/CCmarkGFM Sources/CQRencode Sources/CLibCrypto Sources/CZlib Sources/CDeflate; do MAPS="$MAPS -Xcc -fmodule-map-file=$m/module.modulemap"; done
MAPS="$MAPS -Xcc -fmodule-map-file=$B/CSupport.build/module.modulemap"
MAPS="$MAPS -Xcc -fmodule-map-file=$(find .build-fuzz/checkouts/Yams/Sources/CYaml -name module.modulemap | head -1)"
mkdir -p .build-fuzz/bin .build-fuzz/artifacts
failed=""
for target in official csv markdown; do
  case $target in
    official) src=Fuzz/Sources/FuzzOfficialFile/FuzzOfficialFile.swift; seeds="content/officials content/localities content/audits Fuzz/corpus/official" ;;
    csv) src=Fuzz/Sources/FuzzFeedbackCSV/FuzzFeedbackCSV.swift; seeds="Fuzz/corpus/csv" ;;
    markdown) src=Fuzz/Sources/FuzzMarkdown/FuzzMarkdown.swift; seeds="content/officials Fuzz/corpus/markdown" ;;
  esac
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library -g -I "$B/Modules" $MAPS "$src" "${OBJS[@]}" \
    -lcmark-gfm -lcmark-gfm-extensions -lcrypto -lz -ldeflate -o ".build-fuzz/bin/fuzz-$target"
  corpus=.build-fuzz/corpus-$target
  mkdir -p "$corpus"
  for s in $seeds; do [ -d "$s" ] && find "$s" -type f -size -200k -exec cp {} "$corpus/" \; ; done
  echo "== $target: ${BUDGET}s"
  log=.build-fuzz/$target.log
  rm -f .build-fuzz/artifacts/"$target"-*
  set +e
  ".build-fuzz/bin/fuzz-$target" "$corpus" -max_total_time="$BUDGET" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix=".build-fuzz/artifacts/$target-" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$log" || true
  if [ $rc -ne 0 ]; then
    echo "FAIL $target: the fuzzer exited $rc"
    grep -E "==[0-9]+==ERROR|SUMMARY|ALARM|Timeout|out-of-memory|leak" "$log" | head -5 || true
    tail -n 20 "$log"
    mkdir -p "Fuzz/regressions/$target"
    for f in .build-fuzz/artifacts/"$target"-*; do
      [ -e "$f" ] || continue
      cp "$f" "Fuzz/regressions/$target/$(basename "$f")"
      echo "kept $f as Fuzz/regressions/$target/$(basename "$f")"
    done
    failed="$failed $target"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzzing failed:$failed"
  exit 1
fi
echo "fuzzing: no crash, leak or timeout in $BUDGET s per target"
