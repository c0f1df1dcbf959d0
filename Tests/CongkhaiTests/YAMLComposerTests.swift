import Foundation
import Testing
@testable import Congkhai

/// `YAMLComposer` (decision 85) must give the tree Yams gave for every
/// document it accepts, and hand back every document it does not handle so
/// its errors keep their wording.
@Suite struct YAMLComposerTests {
    /// Every YAML file and front matter of the demo province, on the fast path.
    @Test func theDemoContentComposesAsThroughYams() throws {
        var documents = 0
        for (file, yaml, offset) in try demoYAMLDocuments() {
            guard case let .composed(value) = YAMLComposer.compose(yaml, lineOffset: offset) else {
                Issue.record("\(file) left the fast path")
                continue
            }
            if !sameBytes(describeYAML(.success(value)), describeYAML(YAMLParser.parseWithYams(yaml, lineOffset: offset))) {
                Issue.record("\(file) reads differently than through Yams")
            }
            documents += 1
        }
        #expect(documents > 60)
    }

    /// What the composer must not decide alone: each goes through Yams.
    @Test(arguments: [
        "a: &x 1\nb: *x\n",                     // an alias
        "a: !!str 1\n",                         // a tag
        "a: ! 1\n",
        "a: !!map {b: 1}\n",
        "a: 1\nb: 2\na: 3\n",                   // a repeated key
        "{a: 1, a: 2}\n",
        "? [a]\n: 1\n",                         // a key that is not text
        "{a: 1}: 2\n",
        "a: 1\n---\nb: 2\n",                    // two documents
        "a: [1, 2\n",                           // syntax errors
        "a: b: c\n",
        "a:\n\t- 1\n",
        "a: \u{01}\n",
        "- \"\\uD800\"\n",
        String(repeating: "- ", count: 70) + "x\n",   // deeper than the limit
    ])
    func unusualDocumentsGoThroughYams(text: String) {
        guard case .unusual = YAMLComposer.compose(text, lineOffset: 0) else {
            Issue.record("composed: \(text.debugDescription)")
            return
        }
        #expect(sameBytes(describeYAML(YAMLParser.parse(text)), describeYAML(YAMLParser.parseWithYams(text, lineOffset: 0))))
    }

    /// Neither the reader by hand (decision 127) nor the composer takes it.
    @Test func moreNodesThanTheLimitGoThroughYams() {
        let text = String(repeating: "- 1\n", count: YAMLParser.maxNodes)
        guard case .unusual = YAMLSubsetReader.compose(text, lineOffset: 0), case .unusual = YAMLComposer.compose(text, lineOffset: 0) else {
            Issue.record("read a document over the node limit")
            return
        }
        guard case let .failure(failure) = YAMLParser.parse(text) else {
            Issue.record("parsed a document over the node limit")
            return
        }
        #expect(failure.message.contains("more than"))
    }

    /// Random documents from a small grammar, some damaged at one character:
    /// whatever the composer accepts, Yams must read the same way, and what
    /// it refuses must fail exactly as before.
    @Test func randomDocumentsReadAsThroughYams() {
        var generator = SplitMix(seed: 850)
        var composed = 0
        var mismatches: [String] = []
        for round in 0..<3_000 {
            var text = RandomYAML.document(using: &generator)
            if round % 3 == 0, !text.isEmpty {
                var scalars = Array(text.unicodeScalars)
                let at = Int.random(in: 0..<scalars.count, using: &generator)
                let noise: [Unicode.Scalar] = [":", "-", " ", "\n", "\"", "'", "[", "{", ",", "#", "|", "ệ", "\t"]
                if Bool.random(using: &generator) {
                    scalars.remove(at: at)
                } else {
                    scalars.insert(noise.randomElement(using: &generator) ?? " ", at: at)
                }
                text = String(String.UnicodeScalarView(scalars))
            }
            let offset = round % 5
            if case .composed = YAMLComposer.compose(text, lineOffset: offset) { composed += 1 }
            if !sameBytes(describeYAML(YAMLParser.parse(text, lineOffset: offset)), describeYAML(YAMLParser.parseWithYams(text, lineOffset: offset))) {
                mismatches.append(text)
            }
        }
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
        #expect(composed > 1_500)
    }
}

/// A small YAML grammar: block and flow collections, every scalar style,
/// comments, Vietnamese text, empty values.
enum RandomYAML {
    static func document(using g: inout SplitMix) -> String {
        var out = ""
        if Int.random(in: 0..<10, using: &g) == 0 { out += "# chú thích\n" }
        if Int.random(in: 0..<12, using: &g) == 0 { out += "---\n" }
        block(depth: 0, indent: "", into: &out, using: &g)
        return out
    }

    private static func block(depth: Int, indent: String, into out: inout String, using g: inout SplitMix) {
        let count = Int.random(in: 1...4, using: &g)
        let asList = depth > 0 && Bool.random(using: &g)
        var keys: [String] = []
        for _ in 0..<count {
            if asList {
                out += indent + "- "
            } else {
                var key = ["id", "name", "tên", "due", "status", "a b", "k"].randomElement(using: &g) ?? "k"
                if keys.contains(key) { key += "\(keys.count)" }
                keys.append(key)
                out += indent + (Bool.random(using: &g) ? key : "\"\(key)\"") + ":"
            }
            switch Int.random(in: 0..<(depth < 3 ? 6 : 4), using: &g) {
            case 0: out += "\n"
            case 1: out += " " + flow(depth: depth, using: &g) + "\n"
            case 2: out += " |\n" + indent + "  dòng một\n" + indent + "  line two: 2\n"
            case 3: out += " " + scalar(using: &g) + (Bool.random(using: &g) ? "  # ghi chú" : "") + "\n"
            default:
                out += "\n"
                block(depth: depth + 1, indent: indent + "  ", into: &out, using: &g)
            }
        }
    }

    private static func flow(depth: Int, using g: inout SplitMix) -> String {
        let items = (0..<Int.random(in: 0...3, using: &g)).map { _ in
            depth < 3 && Int.random(in: 0..<4, using: &g) == 0 ? flow(depth: depth + 1, using: &g) : scalar(using: &g)
        }
        if Bool.random(using: &g) { return "[" + items.joined(separator: ", ") + "]" }
        return "{" + items.enumerated().map { "k\($0.offset): \($0.element)" }.joined(separator: ", ") + "}"
    }

    private static func scalar(using g: inout SplitMix) -> String {
        [
            "2026-10-15", "null", "~", "true", "yes", "42", "1.10", "Nguyễn Văn A", "'một ''hai'''",
            "\"ba\\nbốn \\u00e9\"", "\"\"", "''", "x y z", "on", "-1", "0x1F", "\"tab\\there\"",
        ].randomElement(using: &g) ?? "x"
    }
}
