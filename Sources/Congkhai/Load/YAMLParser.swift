import Foundation
import Yams

/// Parses YAML text into a `YAMLValue` tree within the content limits.
///
/// The subset content is written in is read by hand (`YAMLSubsetReader`,
/// decision 127); other ordinary documents are composed from libyaml's
/// events (`YAMLComposer`, decision 85); the rest go through Yams.
/// Yams composes with the `basic` resolver so nothing is typed YAML 1.1 style
/// (`on` stays a string) and duplicate keys compare by text. Aliases are
/// shared by Yams; expanding them here is counted so a billion-laughs file
/// fails fast instead of exhausting memory.
enum YAMLParser {
    static let maxBytes = 2 * 1024 * 1024
    static let maxDepth = 64
    static let maxNodes = 200_000

    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
    }

    /// `lineOffset` shifts marks for front matter that starts below line 1.
    static func parse(_ text: String, lineOffset: Int = 0) -> Result<YAMLValue?, Failure> {
        if text.utf8.count > maxBytes {
            return .failure(Failure(line: 0, column: 0, message: "YAML is larger than 2 MiB"))
        }
        if let bad = AliasKeyScan.firstAliasKey(in: text) {
            return .failure(Failure(line: bad + lineOffset, column: 1,
                                    message: "an alias may not be used as a mapping key"))
        }
        if case let .composed(value) = YAMLSubsetReader.compose(text, lineOffset: lineOffset) { return .success(value) }
        if case let .composed(value) = YAMLComposer.compose(text, lineOffset: lineOffset) { return .success(value) }
        return parseWithYams(text, lineOffset: lineOffset)
    }

    /// The path for anything `YAMLComposer` hands back: Yams composes, this
    /// converts with the limits counted, and every error is worded here.
    static func parseWithYams(_ text: String, lineOffset: Int) -> Result<YAMLValue?, Failure> {
        let root: Node?
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            return .failure(failure(from: error, lineOffset: lineOffset))
        } catch {
            return .failure(Failure(line: lineOffset + 1, column: 1, message: "YAML error: \(error)"))
        }
        guard let root else { return .success(nil) }
        var budget = maxNodes
        do {
            return .success(try convert(root, depth: 1, budget: &budget, lineOffset: lineOffset))
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(line: lineOffset + 1, column: 1, message: "YAML error: \(error)"))
        }
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Int, lineOffset: Int) throws -> YAMLValue {
        budget -= 1
        let line = (node.mark?.line ?? 1) + lineOffset
        let column = node.mark?.column ?? 1
        if budget < 0 {
            throw Failure(line: line, column: column,
                          message: "YAML expands to more than \(maxNodes) nodes (alias bomb?)")
        }
        if depth > maxDepth {
            throw Failure(line: line, column: column, message: "YAML is nested deeper than \(maxDepth) levels")
        }
        switch node {
        case let .scalar(s):
            return .scalar(YAMLScalar(text: s.string, plain: s.style == .plain,
                                      line: line, column: column))
        case let .sequence(seq):
            var items: [YAMLValue] = []
            items.reserveCapacity(seq.count)
            for child in seq {
                items.append(try convert(child, depth: depth + 1, budget: &budget, lineOffset: lineOffset))
            }
            return .sequence(items, line: line, column: column)
        case let .mapping(map):
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(map.count)
            for (k, v) in map {
                guard case let .scalar(ks) = k else {
                    let kl = (k.mark?.line ?? 1) + lineOffset
                    throw Failure(line: kl, column: k.mark?.column ?? 1, message: "mapping keys must be plain text")
                }
                budget -= 1
                let key = YAMLScalar(text: ks.string, plain: ks.style == .plain,
                                     line: (ks.mark?.line ?? 1) + lineOffset, column: ks.mark?.column ?? 1)
                pairs.append(YAMLPair(key: key, value: try convert(v, depth: depth + 1, budget: &budget, lineOffset: lineOffset)))
            }
            return .mapping(pairs, line: line, column: column)
        case .alias:
            throw Failure(line: line, column: column, message: "unresolved alias")
        }
    }

    private static func failure(from error: YamlError, lineOffset: Int) -> Failure {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            return Failure(line: mark.line + lineOffset, column: mark.column, message: message)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            // Yams marks the first occurrence; the defect is the repeat.
            let first = (line: context.mark.line, column: context.mark.column)
            let repeatAt = DuplicateKeyScan.repeatOf(key: duplicates.first ?? "", firstLine: first.line,
                                                     firstColumn: first.column, in: context.text)
            let at = repeatAt ?? first
            var message = "duplicate key \(keys) in a mapping"
            if repeatAt != nil { message += " (first at line \(first.line + lineOffset))" }
            return Failure(line: at.line + lineOffset, column: at.column, message: message)
        default:
            return Failure(line: lineOffset + 1, column: 1, message: "YAML error: \(error)")
        }
    }
}

/// Rejects the one YAML construct whose cost Yams does not bound: an alias
/// used as a mapping key, which Yams hashes in full (exponential for nested
/// aliases) while checking for duplicate keys. Content never needs it.
enum AliasKeyScan {
    static func firstAliasKey(in text: String) -> Int? {
        // Without an anchor there is nothing an alias can point at.
        guard contains(text, UInt8(ascii: "&")), contains(text, UInt8(ascii: "*")) else { return nil }
        var lineNumber = 0
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map({ String(String.UnicodeScalarView($0)) }) {
            lineNumber += 1
            var rest = line.drop { $0 == " " || $0 == "\t" || $0 == "-" }
            if rest.hasPrefix("? ") || rest == "?" {
                rest = rest.dropFirst().drop { $0 == " " }
                if rest.hasPrefix("*") || rest.hasPrefix("[") || rest.hasPrefix("{") { return lineNumber }
            }
            if rest.hasPrefix("*") {
                let name = rest.dropFirst().prefix { !" \t:,[]{}".contains($0) }
                let after = rest.dropFirst(1 + name.count).drop { $0 == " " || $0 == "\t" }
                if after.hasPrefix(":") { return lineNumber }
            }
            // Flow mappings: `{*a: 1}` or `[*a: 1]`.
            if line.contains("{") || line.contains("[") {
                let bytes = Array(line.utf8)
                var i = 0
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "*"), i > 0, "{[, ".utf8.contains(bytes[i - 1]) {
                        var j = i + 1
                        while j < bytes.count, !" \t:,[]{}".utf8.contains(bytes[j]) { j += 1 }
                        while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
                        if j < bytes.count, bytes[j] == UInt8(ascii: ":") { return lineNumber }
                    }
                    i += 1
                }
            }
        }
        return nil
    }

    /// `memchr` over the file's bytes: every content file is asked this
    /// (a generic byte loop over `String.UTF8View` was ~1 % of `check`).
    static func contains(_ text: String, _ byte: UInt8) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { b in
            b.baseAddress.map { memchr($0, Int32(byte), b.count) != nil } ?? false
        } ?? text.utf8.contains(byte)
    }
}

/// Finds where a duplicated mapping key is written again, given where Yams
/// saw it first (1-based line and column): the next key with the same text
/// in the same mapping — same column on a later line for block style, or
/// later on the same line for flow style.
enum DuplicateKeyScan {
    static func repeatOf(key: String, firstLine: Int, firstColumn: Int, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard firstLine >= 1, firstLine <= lines.count, !key.isEmpty else { return nil }
        let keyBytes = Array(key.utf8)
        let indent = firstColumn - 1
        func keyAt(_ l: [UInt8], _ start: Int) -> Bool {
            var i = start
            var quote: UInt8?
            if i < l.count, l[i] == UInt8(ascii: "\"") || l[i] == UInt8(ascii: "'") { quote = l[i]; i += 1 }
            guard i + keyBytes.count <= l.count, Array(l[i..<(i + keyBytes.count)]) == keyBytes else { return false }
            i += keyBytes.count
            if let quote {
                guard i < l.count, l[i] == quote else { return false }
                i += 1
            }
            while i < l.count, l[i] == UInt8(ascii: " ") || l[i] == UInt8(ascii: "\t") { i += 1 }
            guard i < l.count, l[i] == UInt8(ascii: ":") else { return false }
            return i + 1 == l.count || l[i + 1] == UInt8(ascii: " ") || l[i + 1] == UInt8(ascii: "\t") || l[i + 1] == UInt8(ascii: "\r")
        }
        // Flow style: later on the same line, after a comma or an opening brace.
        let firstBytes = lines[firstLine - 1]
        var j = min(firstBytes.count, indent + keyBytes.count)
        while j < firstBytes.count {
            if firstBytes[j] == UInt8(ascii: ",") || firstBytes[j] == UInt8(ascii: "{") {
                var k = j + 1
                while k < firstBytes.count, firstBytes[k] == UInt8(ascii: " ") { k += 1 }
                if keyAt(firstBytes, k) { return (firstLine, k + 1) }
            }
            j += 1
        }
        // Block style: a later line of the same mapping, at the same column.
        for n in firstLine..<lines.count {
            let l = lines[n]
            let content = l.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }
            guard let c = content else { continue }           // blank line
            if l[c] == UInt8(ascii: "#") { continue }          // comment
            if c < indent { break }                            // the mapping has ended
            if c == indent, keyAt(l, c) { return (n + 1, c + 1) }
        }
        return nil
    }
}
