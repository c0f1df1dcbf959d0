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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func clean(_ line: Substring) -> Substring {
            var l = line
            if l.hasSuffix("\r") { l = l.dropLast() }
            while l.last == " " || l.last == "\t" { l = l.dropLast() }
            return l
        }
        guard let first = lines.first, clean(first) == "---" else { return .failure(.missingOpening) }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { clean($0) == "---" || clean($0) == "..." }) else {
            return .failure(.missingClosing)
        }
        let yaml = lines[..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return .success(Parts(yaml: yaml, yamlLineOffset: 1, body: body))
    }
}
