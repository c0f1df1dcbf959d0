#!/usr/bin/env bash
# QR codes: congkhai's encoder (Sources/Congkhai/Render/QR) against
# libqrencode on the same 20,000 notice-like addresses (versions 5–7),
# both optimised, timed by hyperfine; then instructions per code under
# callgrind when valgrind is installed. Decision 101, BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/main.swift" <<'SWIFT'
let n = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20000
var total = 0
for i in 0..<n {
    let prefix = i % 2 == 0 ? "" : "en/"
    let url = "https://congkhai.example.gov.vn/\(prefix)dia-phuong/xa-an-binh-\(i % 97)/nguyen-van-\(i)-tran/"
    if let s = QRSymbol(Array(url.utf8)) { total &+= s.mask &+ Int(s.modules[s.width * 10 + 10]) }
}
print(total)
SWIFT
cat > "$work/lib.c" <<'C'
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20000; long total = 0; char url[256];
    for (int i = 0; i < n; i++) {
        snprintf(url, sizeof url, "https://congkhai.example.gov.vn/%sdia-phuong/xa-an-binh-%d/nguyen-van-%d-tran/", i % 2 == 0 ? "" : "en/", i % 97, i);
        QRcode *c = QRcode_encodeString8bit(url, 0, QR_ECLEVEL_M);
        if (c) { total += c->data[c->width * 10 + 10] & 1; QRcode_free(c); }
    }
    printf("%ld\n", total);
    return 0;
}
C
S=Sources/Congkhai/Render/QR
swiftc -O "$S/QRSymbol.swift" "$S/QRFrame.swift" "$S/QRMask.swift" "$S/QRVersion.swift" "$S/QRReedSolomon.swift" \
    "$work/main.swift" -o "$work/congkhai-qr"
cc -O2 "$work/lib.c" -lqrencode -o "$work/libqrencode-qr"
hyperfine --warmup 1 --runs 10 "$work/congkhai-qr 20000" "$work/libqrencode-qr 20000"
if command -v valgrind > /dev/null; then
    for b in congkhai-qr libqrencode-qr; do
        i=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/$b" 2000 2>&1 | awk '/Collected/ {print $4}')
        echo "$b: $((i / 2000)) instructions a code (2,000 codes, start-up included)"
    done
fi
