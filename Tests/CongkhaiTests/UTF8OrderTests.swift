import Foundation
import Testing
@testable import Congkhai

/// `UTF8Order.precedes` must be the byte order `utf8.lexicographicallyPrecedes`
/// gives: on prefixes, equal strings, empty ones, multibyte text, and strings
/// Foundation made (bridged, not native).
@Suite struct UTF8OrderTests {
    @Test func agreesWithTheGenericByteOrder() {
        let alphabet = ["a", "b", "-", "0", "9", "Đ", "đ", "ế", "ẽ", "\u{0301}", "🙂", "\u{0}", " "]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return Int(state % UInt64(n)) }
        var strings = ["", "a", "ab", "abc", "b", "fb-2026-000123", "fb-2026-000124", "fb-2026-0001230"]
        for _ in 0..<400 { strings.append((0..<next(12)).map { _ in alphabet[next(alphabet.count)] }.joined()) }
        strings += strings.prefix(50).map { NSString(string: $0) as String }
        for a in strings {
            for b in strings.prefix(120) {
                #expect(UTF8Order.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
            }
        }
    }
}
