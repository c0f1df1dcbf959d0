/// The part of an official's profile (the Markdown body, as HTML) that its
/// page shows: all of it, or when that is long, its leading top-level
/// blocks up to a budget (decision 107).
///
/// A profile's length is the one size on an official's page that no count
/// bounds (decision 93 bounded the counts): a 370 KB body made a 410 KB page
/// for a phone to load. The whole text stays in the published content file.
enum BodyExcerpt {
    /// What to show and how many bytes of HTML are left out; nil when the
    /// whole body fits in `budget` bytes. The cut falls after a top-level
    /// block (a paragraph, list, table, quote, heading or code block), never
    /// inside one: the shown part is the HTML of whole blocks. When the first
    /// block alone is over the budget nothing is shown (`shown` empty).
    static func cut(_ html: String, budget: Int) -> (shown: String, hidden: Int)? {
        guard html.utf8.count > budget else { return nil }
        let b = Array(html.utf8)
        let end = lastBlockEnd(b, within: budget)
        return (String(decoding: b[..<end], as: UTF8.self), b.count - end)
    }

    /// Elements that have no closing tag in HTML (cmark-gfm writes `<br />`,
    /// `<hr />`, `<img … />`, `<input … />` for task lists).
    private static let voidElements: Set<String> = ["br", "hr", "img", "input", "col", "wbr", "area", "base", "embed", "link",
                                                     "meta", "source", "track"]

    /// The end of the last top-level block that ends at or before `budget`
    /// (0 if none does). cmark-gfm's HTML is well formed and escapes `<` and
    /// `>` in text and attribute values, so tags can be counted: a block ends
    /// where the depth of open elements returns to zero.
    static func lastBlockEnd(_ b: [UInt8], within budget: Int) -> Int {
        var depth = 0, i = 0, last = 0
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        while i < b.count {
            guard b[i] == lt else { i += 1; continue }
            // A comment (`<!-- raw HTML omitted -->`) opens nothing.
            if i + 3 < b.count, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                var j = i + 4
                while j + 2 < b.count, !(b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-") && b[j + 2] == gt) { j += 1 }
                i = min(b.count, j + 3)
            } else {
                var j = i + 1
                while j < b.count, b[j] != gt { j += 1 }
                guard j < b.count else { break }
                let closing = i + 1 < j && b[i + 1] == slash
                var k = closing ? i + 2 : i + 1
                let nameStart = k
                while k < j, b[k] != UInt8(ascii: " "), b[k] != slash, b[k] != UInt8(ascii: "\n") { k += 1 }
                let name = String(decoding: b[nameStart..<k], as: UTF8.self).lowercased()
                if closing {
                    depth = max(0, depth - 1)
                } else if b[j - 1] != slash, !voidElements.contains(name) {
                    depth += 1
                }
                i = j + 1
            }
            if depth == 0 {
                // Through the line break that follows the block.
                var end = i
                while end < b.count, b[end] == UInt8(ascii: "\n") { end += 1 }
                if end > budget { break }
                last = end
            }
        }
        return last
    }
}
