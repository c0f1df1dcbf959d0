import Foundation

/// ASCII folding for URLs and search: `Nguyễn Văn Đức` → `nguyen-van-duc`.
public enum Slug {
    /// Lowercase, no diacritics, `đ` → `d`; spaces kept.
    ///
    /// Text made only of ASCII, the Latin letters of `folded` and the
    /// combining marks the fold drops is folded scalar by scalar from a
    /// table — Vietnamese names and titles, nearly all the search index
    /// folds: Foundation's canonical decomposition was ~45 % of building a
    /// national index, on one core before the pages. Anything else takes
    /// the decomposition (`byDecomposition`), which defines the result.
    /// General punctuation that folds to itself (the en and em dashes,
    /// curly quotes, the ellipsis) is copied as it is: a dash in a
    /// commitment's title sent the whole title to the decomposition
    /// (1,900 titles of a 1,442-official province: the fold 14 → 8 ms of
    /// CPU per build, BENCHMARKS.md).
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v) | 0x20 : UInt8(v))
            } else if v >= 0x300 && v <= 0x36F {
                continue
            } else if let i = tableIndex(v), folded[i] != 0 {
                out.append(folded[i])
            } else if v >= punctuation.lowerBound && v < punctuation.upperBound && keepsItself[Int(v - punctuation.lowerBound)] {
                out.append(contentsOf: String(s).utf8)
            } else {
                return byDecomposition(text)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The fold's definition: canonical decomposition, combining marks
    /// U+0300–U+036F dropped, `đ` → `d`, the rest lowercased.
    static func byDecomposition(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(s.value) { continue }
            switch s {
            case "đ", "Đ": out.append("d")
            // ASCII lowercases by itself; a `String` per scalar was most of the search index's time.
            case "A"..."Z": out.append(Unicode.Scalar(UInt8(s.value) | 0x20))
            case _ where s.isASCII: out.append(s)
            default: out.append(contentsOf: String(s).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    /// Where a scalar's fold is in `folded`: U+0080–U+024F (Latin-1 and
    /// Extended-A/B) and U+1E00–U+1EFF (Latin Extended Additional: every
    /// Vietnamese letter with two marks).
    private static func tableIndex(_ v: UInt32) -> Int? {
        if v < 0x250 { return Int(v) }
        if v >= 0x1E00 && v < 0x1F00 { return 0x250 + Int(v - 0x1E00) }
        return nil
    }

    /// Each table scalar's fold when it is one ASCII byte (by
    /// `byDecomposition` itself), else 0. Scalar by scalar is exact for
    /// such text: decomposing a string decomposes each scalar and then
    /// reorders only combining marks, and every mark it could reorder
    /// here is one the fold drops.
    private static let folded: [UInt8] = (0..<(0x250 + 0x100)).map { i in
        let v = i < 0x250 ? UInt32(i) : UInt32(0x1E00 + i - 0x250)
        guard v >= 0x80, let scalar = Unicode.Scalar(v) else { return 0 }
        let f = Array(byDecomposition(String(scalar)).utf8)
        return f.count == 1 && f[0] < 0x80 ? f[0] : 0
    }

    /// General Punctuation (U+2000–U+206F): no letters, no case, no
    /// combining class, so scalar by scalar is exact here too.
    private static let punctuation: Range<UInt32> = 0x2000..<0x2070

    /// For each `punctuation` scalar, whether `byDecomposition` folds it to
    /// itself (not, for example, U+2000, which decomposes to U+2002).
    /// Compared as bytes: `String`'s `==` is canonical equivalence, under
    /// which U+2000 and U+2002 are equal.
    private static let keepsItself: [Bool] = punctuation.map { v in
        guard let scalar = Unicode.Scalar(v) else { return false }
        return Array(byDecomposition(String(scalar)).utf8) == Array(String(scalar).utf8)
    }

    /// `[a-z0-9]` runs joined by hyphens.
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for s in fold(text).unicodeScalars {
            if s.isASCII, CharacterSet.alphanumerics.contains(s) {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(s)
            } else {
                pendingDash = true
            }
        }
        return out
    }
}
