import Foundation
import Testing
@testable import Congkhai

/// `Whitespace` answers as Foundation's character sets do, so replacing
/// `trimmingCharacters(in:)` changes no warning, link or score.
@Suite struct WhitespaceTests {
    @Test func everyScalarIsClassedAsFoundationClassesIt() {
        var spaces = 0
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let (ws, wsnl) = (CharacterSet.whitespaces.contains(s), CharacterSet.whitespacesAndNewlines.contains(s))
            if Whitespace.isSpace(s) != ws || Whitespace.isSpaceOrNewline(s) != wsnl {
                Issue.record("U+\(String(v, radix: 16)): Foundation \(ws)/\(wsnl)")
            }
            if ws { spaces += 1 }
        }
        #expect(spaces > 15)
    }

    @Test func blankAndTrimmedTextAsFoundationGivesThem() {
        let pieces = ["", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{200B}", "\u{2028}", "\u{85}", "a", "Đ",
                      "\u{301}", "x y", "https://a.vn", "😀", "\u{FEFF}"]
        var rng = SplitMix(seed: 7)
        var texts = pieces
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 1...5, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined())
        }
        for t in texts {
            #expect(Whitespace.isBlank(t) == t.trimmingCharacters(in: .whitespaces).isEmpty, "\(Array(t.unicodeScalars))")
            #expect(Whitespace.isBlank(t, newlines: true) == t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect(Whitespace.trimmed(t) == t.trimmingCharacters(in: .whitespaces), "\(Array(t.unicodeScalars))")
            #expect(Whitespace.trimmed(t, newlines: true) == t.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
