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
# executable whose main comes from libFuzzer). Crashes land in
# .build-fuzz/artifacts/; seeds come from content/ and Fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=${1:-60}
swift build --target Congkhai --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >/dev/null
B=.build-fuzz/x86_64-unknown-linux-gnu/debug
OBJS=$(find "$B/Congkhai.build" "$B/Yams.build" "$B/CYaml.build" "$B/Mustache.build" "$B/CSupport.build" -name '*.o')
MAPS=""
for m in Sources/CCmarkGFM Sources/CQRencode Sources/CLibCrypto; do MAPS="$MAPS -Xcc -fmodule-map-file=$m/module.modulemap"; done
MAPS="$MAPS -Xcc -fmodule-map-file=$B/CSupport.build/module.modulemap"
MAPS="$MAPS -Xcc -fmodule-map-file=$(find .build-fuzz/checkouts/Yams/Sources/CYaml -name module.modulemap | head -1)"
mkdir -p .build-fuzz/bin .build-fuzz/artifacts
for target in official csv markdown; do
  case $target in
    official) src=Fuzz/Sources/FuzzOfficialFile/FuzzOfficialFile.swift; seeds="content/officials content/localities content/audits Fuzz/corpus/official" ;;
    csv) src=Fuzz/Sources/FuzzFeedbackCSV/FuzzFeedbackCSV.swift; seeds="Fuzz/corpus/csv" ;;
    markdown) src=Fuzz/Sources/FuzzMarkdown/FuzzMarkdown.swift; seeds="content/officials Fuzz/corpus/markdown" ;;
  esac
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library -g -I "$B/Modules" $MAPS "$src" $OBJS \
    -lcmark-gfm -lcmark-gfm-extensions -lqrencode -lcrypto -o ".build-fuzz/bin/fuzz-$target"
  corpus=.build-fuzz/corpus-$target
  mkdir -p "$corpus"
  for s in $seeds; do [ -d "$s" ] && find "$s" -type f -size -200k -exec cp {} "$corpus/" \; ; done
  echo "== $target: ${BUDGET}s"
  ".build-fuzz/bin/fuzz-$target" "$corpus" -max_total_time="$BUDGET" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix=".build-fuzz/artifacts/$target-" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Done)" || true
done
ls .build-fuzz/artifacts
