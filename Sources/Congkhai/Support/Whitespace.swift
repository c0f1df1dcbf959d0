/// Foundation's `CharacterSet.whitespaces` and `.whitespacesAndNewlines`,
/// as the loader and the metrics use them, without Foundation.
///
/// `String.trimmingCharacters(in:)` bridges every string through `NSString`
/// on Linux: asking whether a commitment's acceptance criterion or an
/// evidence link is blank that way was ~2 % of a national `check` (every
/// commitment, at load and again at every scoring and explanation). The sets
/// are those Foundation answers on this toolchain, scalar for scalar (a test
/// compares every Unicode scalar), so nothing reads differently.
enum Whitespace {
    /// `CharacterSet.whitespaces`: tab and the space separators (Foundation
    /// still counts U+200B, zero width space, among them).
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// `CharacterSet.whitespacesAndNewlines`: the above, line feed to
    /// carriage return, next line and the line and paragraph separators.
    static func isSpaceOrNewline(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: isSpace(s)
        }
    }

    /// True when `text` is empty or only whitespace (and line breaks, with `newlines`):
    /// `text.trimmingCharacters(in: …).isEmpty`.
    static func isBlank(_ text: String, newlines: Bool = false) -> Bool {
        // ASCII fast path: nearly every such text starts with a letter.
        for b in text.utf8 {
            if b == 0x20 || b == 0x09 || (newlines && b >= 0x0A && b <= 0x0D) { continue }
            if b < 0x80 { return false }
            break
        }
        return text.unicodeScalars.allSatisfy { newlines ? isSpaceOrNewline($0) : isSpace($0) }
    }

    /// `text.trimmingCharacters(in: .whitespaces)` (`.whitespacesAndNewlines` with `newlines`).
    static func trimmed(_ text: String, newlines: Bool = false) -> String {
        let scalars = text.unicodeScalars
        func kept(_ s: Unicode.Scalar) -> Bool { !(newlines ? isSpaceOrNewline(s) : isSpace(s)) }
        guard let first = scalars.firstIndex(where: kept), let last = scalars.lastIndex(where: kept) else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }
}
