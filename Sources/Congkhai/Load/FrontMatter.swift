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
    static func split(_ text: String) -> Result<Parts, Failure> {
        // Split on the LF byte: in Swift "\r\n" is one Character, not two.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        func isFence(_ line: Substring.UTF8View.SubSequence, _ fence: String) -> Bool {
            var l = line
            while let last = l.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                l = l.dropLast()
            }
            return l.elementsEqual(fence.utf8)
        }
        guard let first = lines.first, isFence(first, "---") else { return .failure(.missingOpening) }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { isFence($0, "---") || isFence($0, "...") }) else {
            return .failure(.missingClosing)
        }
        func join(_ slice: ArraySlice<String.UTF8View.SubSequence>) -> String {
            var bytes: [UInt8] = []
            for (i, line) in slice.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: "\n")) }
                bytes.append(contentsOf: line)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let yaml = join(lines[..<close])
        let body = join(lines[(close + 1)...])
        return .success(Parts(yaml: yaml, yamlLineOffset: 1, body: body))
    }
}
