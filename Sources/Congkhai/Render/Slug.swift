import Foundation

/// ASCII folding for URLs and search: `Nguyễn Văn Đức` → `nguyen-van-duc`.
public enum Slug {
    /// Lowercase, no diacritics, `đ` → `d`; spaces kept.
    public static func fold(_ text: String) -> String {
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
