import Testing
@testable import Congkhai

/// `HTML.escape` works on bytes now; it must give what the scalar loop gave
/// (kept here as the reference) for every character class it treats apart.
@Suite struct HTMLEscapeTests {
    static func reference(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 0x20 && c != "\n" && c != "\t" { continue }
                if (0xFFFE...0xFFFF).contains(c.value) { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The template engine's escaper skips eight bytes at a time while none
    /// needs escaping: the same bytes as a byte-by-byte loop wherever the
    /// five characters fall against the eight-byte words, in text of every length.
    @Test func theTemplateEscaperMatchesAByteLoop() {
        func reference(_ u: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            for b in u {
                switch b {
                case UInt8(ascii: "&"): out += Array("&amp;".utf8)
                case UInt8(ascii: "<"): out += Array("&lt;".utf8)
                case UInt8(ascii: ">"): out += Array("&gt;".utf8)
                case UInt8(ascii: "\""): out += Array("&quot;".utf8)
                case UInt8(ascii: "'"): out += Array("&#39;".utf8)
                default: out.append(b)
                }
            }
            return out
        }
        // The five, their neighbours (one off either way), bytes with the high bit set, and plain text.
        let alphabet: [UInt8] = Array("&<>\"'%=;?!#(a Z0".utf8) + [0x21, 0x23, 0x25, 0x28, 0x3B, 0x3D, 0x3F, 0x80, 0xA6, 0xBC, 0xC3, 0xE1, 0xFF, 0x00]
        var rng = SplitMix(seed: 20)
        for length in 0...40 {
            for _ in 0..<60 {
                let u = (0..<length).map { _ in
                    Int.random(in: 0..<4, using: &rng) == 0 ? alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] : UInt8(ascii: "x")
                }
                var out: [UInt8] = [1, 2]
                u.withUnsafeBufferPointer { TemplateLibrary.escape($0, into: &out) }
                #expect(out == [1, 2] + reference(u), "\(u)")
                // A page's buffer (`RenderBuffer`), grown past a guess too small, holds the same.
                var page = RenderBuffer(capacity: 1)
                [1, 2].withUnsafeBufferPointer { page.append($0) }
                u.withUnsafeBufferPointer { TemplateLibrary.escape($0, into: &page) }
                #expect(page.finish() == out, "\(u)")
            }
        }
        // Each of the five alone at every position of a long run.
        for c in Array("&<>\"'".utf8) {
            for at in 0..<24 {
                var u = [UInt8](repeating: UInt8(ascii: "a"), count: 24)
                u[at] = c
                var out: [UInt8] = []
                u.withUnsafeBufferPointer { TemplateLibrary.escape($0, into: &out) }
                #expect(out == reference(u))
            }
        }
    }

    /// The template escaper's eight-byte test and `HTML.entity` name the
    /// same five bytes in two forms: a byte the table escapes must make any
    /// word holding it, at any place, a candidate (a miss would publish it
    /// unescaped); a word of plain letters must not be one.
    @Test func theWordTestFlagsEveryByteTheEntityTableEscapes() {
        for b in UInt8.min...UInt8.max where HTML.entity(b) != nil {
            for at in 0..<8 {
                for filler: UInt8 in [0x61, 0x00, 0x7F, 0xC3, 0xFF] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[at] = b
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    #expect(TemplateLibrary.escapeCandidate(word), "byte \(b) at \(at) among \(filler)")
                }
            }
        }
        let plain = Array("abcdXYZ9".utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        #expect(!TemplateLibrary.escapeCandidate(plain))
    }

    @Test func matchesTheScalarLoop() {
        let pieces = ["a", "Nguyễn Văn Ánh", "&", "<", ">", "\"", "'", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}",
                      "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{FEFF}", "\u{FFBE}", "\u{EFBF}", "\u{F000}", "😀", "e\u{301}", " "]
        var rng = SplitMix(seed: 2026)  // seeded: a failure is reproducible
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            #expect(HTML.escape(s) == HTMLEscapeTests.reference(s), "\(Array(s.unicodeScalars))")
            // The bytes variant (the feeds') appends exactly the same after what is already there.
            var out: [UInt8] = [0x41]
            HTML.escape(s, into: &out)
            #expect(out == [0x41] + Array(HTMLEscapeTests.reference(s).utf8), "\(Array(s.unicodeScalars))")
        }
        for p in pieces {
            #expect(HTML.escape(p) == HTMLEscapeTests.reference(p))
            var out: [UInt8] = []
            HTML.escape(p, into: &out)
            #expect(out == Array(HTMLEscapeTests.reference(p).utf8))
        }
        #expect(HTML.escape("") == "")
    }
}
