import Foundation
import Testing
@testable import Congkhai

/// `YAMLSubsetReader` (decision 127) must give libyaml's tree — texts,
/// styles, lines, columns — for every document it accepts, and decline
/// everything else, which then reads and fails exactly as before.
@Suite struct YAMLSubsetReaderTests {
    /// Every YAML file and front matter of the demo province: read by hand,
    /// as the composer and Yams read it.
    @Test func theDemoContentReadsAsThroughLibyaml() throws {
        var read = 0, officials = 0, officialsRead = 0
        for (file, yaml, offset) in try demoYAMLDocuments() {
            let official = file.hasPrefix("officials/")
            if official { officials += 1 }
            guard case let .composed(value) = YAMLSubsetReader.compose(yaml, lineOffset: offset) else { continue }
            read += 1
            if official { officialsRead += 1 }
            #expect(sameBytes(describeYAML(.success(value)), describeYAML(YAMLParser.parseWithYams(yaml, lineOffset: offset))),
                    "\(file) reads differently than through libyaml")
            // The same file saved on Windows: `\r\n` is one line break to both.
            let windows = yaml.replacingOccurrences(of: "\n", with: "\r\n")
            guard case let .composed(crlf) = YAMLSubsetReader.compose(windows, lineOffset: offset) else {
                Issue.record("\(file) with CRLF lines declined")
                continue
            }
            #expect(sameBytes(describeYAML(.success(crlf)), describeYAML(.success(value))), "\(file) with CRLF lines")
        }
        // Officials are most of a country's YAML: every demo official is in the subset.
        #expect(officials > 60 && officialsRead == officials)
        #expect(read > 70)
    }

    /// Each exact: lines and columns counted in characters (libyaml's
    /// marks), the styles, the texts.
    @Test(arguments: [
        ("a: {x: Đặng, yy: 1}\n",
         #"{1:1 1:1p"a": {1:4 1:5p"x": 1:8p"Đặng", 1:14p"yy": 1:18p"1"}}"#),
        ("tên: Nguyễn Văn A   # chú thích\nb: \"x: y\"\n",
         #"{1:1 1:1p"tên": 1:6p"Nguyễn Văn A", 2:1p"b": 2:4q"x: y"}"#),
        ("k:\n- a\n- 'it''s'\nz: [1, [2], {}]\n",
         #"{1:1 1:1p"k": [2:1 2:3p"a", 3:3q"it\'s"], 4:1p"z": [4:4 4:5p"1", [4:8 4:9p"2"], {4:13 }]}"#),
        ("list:\n  -   id: x\n      due: 2026-01-02\n  - https://a.vn/b?c=d#e\n",
         #"{1:1 1:1p"list": [2:3 {2:7 2:7p"id": 2:11p"x", 3:7p"due": 3:12p"2026-01-02"}, 4:5p"https://a.vn/b?c=d#e"]}"#),
        ("a: Cam kết #1\nb: R&D [x] {y}, -5\n",
         #"{1:1 1:1p"a": 1:4p"Cam kết", 2:1p"b": 2:4p"R&D [x] {y}, -5"}"#),
        ("- { on: 12:30, ở: https://a.vn/x.pdf#p2 , k: a#b }\n",
         #"[1:1 {1:3 1:5p"on": 1:9p"12:30", 1:16p"ở": 1:19p"https://a.vn/x.pdf#p2", 1:43p"k": 1:46p"a#b"}]"#),
    ])
    func readsExactly(text: String, expected: String) {
        guard case let .composed(value) = YAMLSubsetReader.compose(text, lineOffset: 0) else {
            Issue.record("declined: \(text.debugDescription)")
            return
        }
        #expect(sameBytes(describeYAML(.success(value)), expected))
        #expect(sameBytes(describeYAML(YAMLParser.parseWithYams(text, lineOffset: 0)), expected))
    }

    /// What the reader must not decide: each is declined, and reads (or
    /// fails) as the composer or Yams reads it.
    @Test(arguments: [
        "a:\tb\n", "a: b\rc\n", "a: b\r", "a: b\r\r\n", "a: b\u{85}c\n", "a: b\u{2028}c\n", "\u{FEFF}a: b\n", "a: \u{7F}\n", "a: \u{9F}\n",
        "a: 1\n---\nb: 2\n", "--- \na: 1\n", "...\n",
        "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  x\n", "a: >\n  x\n",
        "\"a\": 1\n", "a b: 1\n", "? a\n: 1\n", "a:\nb: 1\n", "a:\n", "a: b: c\n", "a: b:\n",
        "a: one\n  two\n", "- a\n  b\n", "a: \"x\\\"y\"\n", "a: \"x\n  y\"\n", "a: 'x\n  y'\n",
        "a: [1, 2\n", "a: [1, 2,]\n", "a: {b: 1,}\n", "a: {b: 1, b: 2}\n", "a: 1\nb: 2\na: 3\n",
        "a: {b:1}\n", "a: [b: 1]\n", "a: {b: }\n", "a: [x #y]\n", "a: [b:, c]\n", "a: {b: c:}\n", "a: [b:[c]]\n",
        "a:\n  - x\n - y\n", "a:\n  b: 1\n c: 2\n", "  a: 1\nb: 2\n", "- - a\n", "-\n  a: 1\n", "a: -\n",
        "a: [1] x\n", "a: \"x\"y\n", "a: 1\n  # ok\n   b: 2\n", "# only a comment\n", "",
        "x\n", "a: %x\n", "a: @x\n", "a: `x\n", "a: ?x\n", "a: :x\n", "a: ,x\n",
        String(repeating: "- ", count: 70) + "x\n",
    ])
    func unusualDocumentsAreDeclined(text: String) {
        guard case .unusual = YAMLSubsetReader.compose(text, lineOffset: 0) else {
            Issue.record("read by hand: \(text.debugDescription)")
            return
        }
        #expect(sameBytes(describeYAML(YAMLParser.parse(text)), describeYAML(YAMLParser.parseWithYams(text, lineOffset: 0))))
    }

    /// One line of 90,000 flow entries (~1.1 MB): every column is counted
    /// on from the last one, not from the line's start (which took minutes).
    @Test func aLongFlowLineReadsAsThroughLibyaml() {
        let text = "a: {" + (0..<90_000).map { "k\($0): é" }.joined(separator: ", ") + "}\n"
        guard case let .composed(value) = YAMLSubsetReader.compose(text, lineOffset: 0) else {
            Issue.record("declined")
            return
        }
        #expect(sameBytes(describeYAML(.success(value)), describeYAML(YAMLParser.parseWithYams(text, lineOffset: 0))))
    }

    /// Content-shaped documents, many damaged at a character or a line:
    /// whatever the reader accepts, libyaml (through Yams) reads the same
    /// way to the last column; what it declines reads as it did before the
    /// reader (the composer, else Yams).
    @Test func randomDocumentsReadAsThroughLibyaml() {
        var g = SplitMix(seed: 127)
        var read = 0, declined = 0, damagedRead = 0
        var mismatches: [String] = []
        for round in 0..<4_000 {
            var text = round % 4 == 3 ? RandomYAML.document(using: &g) : ContentLikeYAML.document(using: &g)
            if round % 2 == 1, !text.isEmpty { text = ContentLikeYAML.damaged(text, using: &g) }
            if round % 5 == 2 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
            let offset = round % 7
            let now = describeYAML(YAMLParser.parse(text, lineOffset: offset))
            if case let .composed(value) = YAMLSubsetReader.compose(text, lineOffset: offset) {
                read += 1
                if round % 2 == 1 { damagedRead += 1 }
                let throughYams = describeYAML(YAMLParser.parseWithYams(text, lineOffset: offset))
                if !sameBytes(describeYAML(.success(value)), throughYams) || !sameBytes(now, throughYams) {
                    mismatches.append(text + "\nread " + describeYAML(.success(value)) + "\nYams " + throughYams)
                }
            } else {
                declined += 1
                if !sameBytes(now, parsedWithoutTheReader(text, lineOffset: offset)) { mismatches.append(text) }
            }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(3).map(\.debugDescription))")
        #expect(read > 1_800 && declined > 1_000 && damagedRead > 350, "read \(read) (\(damagedRead) damaged), declined \(declined)")
    }

    /// `YAMLParser.parse` as it was before this reader.
    private func parsedWithoutTheReader(_ text: String, lineOffset: Int) -> String {
        if let bad = AliasKeyScan.firstAliasKey(in: text) {
            return describeYAML(.failure(YAMLParser.Failure(line: bad + lineOffset, column: 1, message: "an alias may not be used as a mapping key")))
        }
        if case let .composed(value) = YAMLComposer.compose(text, lineOffset: lineOffset) { return describeYAML(.success(value)) }
        return describeYAML(YAMLParser.parseWithYams(text, lineOffset: lineOffset))
    }
}

/// Documents shaped like an official's front matter: nested mappings and
/// lists (indented or not, `-` followed by one or more spaces), one-line
/// flow mappings of updates, plain scalars with spaces, URLs, `#` and
/// brackets, quoted ones, comments, blank lines, Vietnamese everywhere.
enum ContentLikeYAML {
    static func document(using g: inout SplitMix) -> String {
        var out = ""
        if Int.random(in: 0..<8, using: &g) == 0 { out += "# chú thích đầu tệp\n" }
        mapping(depth: 0, indent: "", first: nil, into: &out, using: &g)
        return out
    }

    private static let keys = ["id", "name", "tên", "title", "status", "due", "on", "progress", "note", "đơn_vị", "x.y", "k-2", "2026"]
    private static let plains = [
        "2026-04-07", "Nguyễn Văn A", "Đã hoàn thành khảo sát, lập dự toán", "https://minhhoa.example.gov.vn/a-0407.pdf?b=1#c",
        "39%", "R&D", "a [b] {c}", "-5", "x  y", "a#b", "Cam kết #1", "true", "~", "null", "12:30", "e*f!g", "50", "0.5",
    ]
    private static let quoted = ["\"Đã xong\"", "\"\"", "''", "'it''s'", "\"a: b\"", "\"#x\"", "\"Lý Xuân Nam — Phó Chủ tịch\"", "'[x]'"]

    private static func scalar(using g: inout SplitMix) -> String {
        Bool.random(using: &g) ? plains.randomElement(using: &g) ?? "x" : quoted.randomElement(using: &g) ?? "''"
    }

    private static func flowScalar(using g: inout SplitMix) -> String {
        // Plain flow scalars stop at `,` and declines at `:`; quoted ones hold anything.
        ["2026-04-07", "39", "Đã hoàn thành", "\"Gặp khó khăn, đang tháo gỡ\"", "\"https://a.vn/x.pdf\"", "x y", "-1", "'a, b'",
         "https://minhhoa.example.gov.vn/van-ban/a-0407.pdf", "12:30", "a#b", "a:b"]
            .randomElement(using: &g) ?? "x"
    }

    private static func flow(depth: Int, using g: inout SplitMix) -> String {
        let count = Int.random(in: 0...4, using: &g)
        let items = (0..<count).map { _ in
            depth < 2 && Int.random(in: 0..<5, using: &g) == 0 ? flow(depth: depth + 1, using: &g) : flowScalar(using: &g)
        }
        let spaced = Bool.random(using: &g)
        let (open, close) = spaced ? ("{ ", " }") : ("{", "}")
        if Int.random(in: 0..<3, using: &g) == 0 { return "[" + items.joined(separator: ", ") + "]" }
        let keyed = items.enumerated().map { "\(keys[$0.offset % keys.count]): \($0.element)" }
        return count == 0 ? "{}" : open + keyed.joined(separator: ", ") + close
    }

    private static func comment(using g: inout SplitMix) -> String {
        Int.random(in: 0..<6, using: &g) == 0 ? "   # ghi chú" : ""
    }

    /// A mapping at `indent`; `first`, when given, is already written up to
    /// where its first key goes (a list entry's `- `).
    private static func mapping(depth: Int, indent: String, first: String?, into out: inout String, using g: inout SplitMix) {
        var used: [String] = []
        for n in 0..<Int.random(in: 1...5, using: &g) {
            var key = keys.randomElement(using: &g) ?? "k"
            if used.contains(key), Int.random(in: 0..<8, using: &g) != 0 { key += "\(used.count)" }
            used.append(key)
            out += (n == 0 ? first ?? indent : indent) + key + ":"
            switch Int.random(in: 0..<(depth < 3 ? 7 : 4), using: &g) {
            case 0, 1: out += " " + scalar(using: &g) + comment(using: &g) + "\n"
            case 2: out += " " + flow(depth: 0, using: &g) + comment(using: &g) + "\n"
            case 3: out += "  " + scalar(using: &g) + "\n"
            case 4: out += comment(using: &g) + "\n"; mapping(depth: depth + 1, indent: indent + "  ", first: nil, into: &out, using: &g)
            default: out += comment(using: &g) + "\n"; list(depth: depth + 1, indent: Bool.random(using: &g) ? indent : indent + "  ", into: &out, using: &g)
            }
            if Int.random(in: 0..<12, using: &g) == 0 { out += indent + "# " + "giữa\n" }
            if Int.random(in: 0..<10, using: &g) == 0 { out += indent + "\n" }  // a blank line, spaces kept
        }
    }

    private static func list(depth: Int, indent: String, into out: inout String, using g: inout SplitMix) {
        for _ in 0..<Int.random(in: 1...4, using: &g) {
            let dash = indent + "-" + String(repeating: " ", count: Int.random(in: 1...3, using: &g))
            switch Int.random(in: 0..<4, using: &g) {
            case 0: out += dash + scalar(using: &g) + comment(using: &g) + "\n"
            case 1: out += dash + flow(depth: 0, using: &g) + "\n"
            default: mapping(depth: depth + 1, indent: String(repeating: " ", count: dash.unicodeScalars.count), first: dash, into: &out, using: &g)
            }
        }
    }

    /// One character inserted or removed, a line repeated, or a line moved one space.
    static func damaged(_ text: String, using g: inout SplitMix) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch Int.random(in: 0..<4, using: &g) {
        case 0 where lines.count > 1:
            let i = Int.random(in: 0..<(lines.count - 1), using: &g)
            lines.insert(lines[i], at: i)
            return lines.joined(separator: "\n")
        case 1 where lines.count > 1:
            let i = Int.random(in: 0..<(lines.count - 1), using: &g)
            lines[i] = (Bool.random(using: &g) ? " " : "") + (lines[i].first == " " ? String(lines[i].dropFirst(Bool.random(using: &g) ? 1 : 0)) : lines[i])
            return lines.joined(separator: "\n")
        default:
            var scalars = Array(text.unicodeScalars)
            let at = Int.random(in: 0..<scalars.count, using: &g)
            let noise: [Unicode.Scalar] = [":", "-", " ", "\n", "\"", "'", "[", "]", "{", "}", ",", "#", "ệ", "\t", "\r", "&", "*",
                                           "!", "|", ">", "?", "%", "@", "\\", "\u{85}", "\u{2028}", "\u{FEFF}", "."]
            if Bool.random(using: &g) {
                scalars.remove(at: at)
            } else {
                scalars.insert(noise.randomElement(using: &g) ?? " ", at: at)
            }
            return String(String.UnicodeScalarView(scalars))
        }
    }
}
