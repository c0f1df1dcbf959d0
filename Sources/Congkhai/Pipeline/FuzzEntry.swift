/// Entry points for the libFuzzer targets in `Fuzz/`: each runs one untrusted
/// input through a whole parsing path and must return without trapping,
/// hanging or allocating without bound, whatever the bytes.
public enum FuzzEntry {
    /// Front-matter splitter, YAML parser with limits, official decoder.
    public static func officialFile(_ bytes: [UInt8]) {
        let log = DiagnosticLog()
        guard case let .success(text) = TextDecoding.decode(bytes),
              case let .success(parts) = FrontMatter.split(text),
              case let .success(value?) = YAMLParser.parse(parts.yaml, lineOffset: parts.yamlLineOffset) else { return }
        _ = OfficialDecoder.decode(value, id: "fuzz", locality: "fuzz", body: parts.body, file: "fuzz.md", log: log)
        _ = LocalityDecoder.decode(value, id: "fuzz", file: "fuzz.yaml", log: log)
        _ = FrameworkDecoder.decode(value, file: "fuzz.yaml", log: log)
        _ = AuditDecoder.decode(value, file: "fuzz.yaml", log: log)
    }

    /// CSV scanner, field decoding and personal-data masking.
    public static func feedbackCSV(_ bytes: [UInt8]) {
        _ = CSVScanner.scan(bytes: bytes) { record in
            for i in 0..<min(record.count, 64) {
                _ = PrivacyMask.mask(record.string(i, trim: true))
                _ = Day(iso: record.string(i))
                _ = Number.parse(record.string(i))
            }
        }
    }

    /// Markdown rendering with the link filter, and masking.
    public static func markdown(_ bytes: [UInt8]) {
        guard case let .success(text) = TextDecoding.decode(bytes) else { return }
        _ = MarkdownRenderer.html(text)
        _ = PrivacyMask.mask(text)
        _ = Slug.make(text)
    }
}
