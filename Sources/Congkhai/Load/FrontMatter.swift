/// Splits a Markdown file into its YAML front matter and body.
enum FrontMatter {
    struct Parts {
        var yaml: String
        /// Lines before the YAML starts (the opening `---`), for marks.
        var yamlLineOffset: Int
        var body: String
    }

    enum Failure: Error {
        case missingOpening
        case missingClosing
    }

    /// The file must open with a `---` line and close the block with `---` or `...`.
    ///
    /// Found by byte offsets and cut once: splitting every line of every
    /// file and joining them again was ~2 % of a national `check`.
    static func split(_ text: String) -> Result<Parts, Failure> {
        var text = text
        return text.withUTF8 { b -> Result<Parts, Failure> in
            // Lines end at the LF byte: in Swift "\r\n" is one Character, not two.
            func lineEnd(from i: Int) -> Int {
                var j = i
                while j < b.count, b[j] != UInt8(ascii: "\n") { j += 1 }
                return j
            }
            func isFence(_ from: Int, _ to: Int, _ fence: StaticString) -> Bool {
                var end = to
                while end > from, b[end - 1] == UInt8(ascii: "\r") || b[end - 1] == UInt8(ascii: " ") || b[end - 1] == UInt8(ascii: "\t") {
                    end -= 1
                }
                guard end - from == fence.utf8CodeUnitCount else { return false }
                return fence.withUTF8Buffer { f in (0..<f.count).allSatisfy { b[from + $0] == f[$0] } }
            }
            func string(_ from: Int, _ to: Int) -> String {
                from < to ? String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) : ""
            }
            let firstEnd = lineEnd(from: 0)
            guard isFence(0, firstEnd, "---") else { return .failure(.missingOpening) }
            guard firstEnd < b.count else { return .failure(.missingClosing) }
            let yamlStart = firstEnd + 1
            var line = yamlStart
            while true {
                let end = lineEnd(from: line)
                if isFence(line, end, "---") || isFence(line, end, "...") {
                    // The YAML is the lines between the fences, without the LF before the closing one.
                    return .success(Parts(yaml: string(yamlStart, line - 1), yamlLineOffset: 1,
                                          body: end < b.count ? string(end + 1, b.count) : ""))
                }
                guard end < b.count else { return .failure(.missingClosing) }
                line = end + 1
            }
        }
    }
}
