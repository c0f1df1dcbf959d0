import Foundation
import Testing
@testable import Congkhai

/// Every build reads its whole published ledger back twice (the chain's
/// check, then what pages show), so canonical JSON is written as bytes and
/// strings without escapes are read whole. The `String` writer they
/// replaced is kept here as the reference; both readers' results must be
/// the same values.
@Suite struct CanonicalJSONBytesTests {
    /// The serializer as it was: a `String` built piece by piece, keys always sorted.
    static func reference(_ value: JSONValue) -> String {
        switch value {
        case let .object(pairs):
            let sorted = pairs.sorted { UTF8Order.precedes($0.0, $1.0) }
            return "{" + sorted.map { JSONValue.quote($0.0, htmlSafe: false) + ":" + reference($0.1) }.joined(separator: ",") + "}"
        case let .array(items): return "[" + items.map(reference).joined(separator: ",") + "]"
        case let .string(s): return JSONValue.quote(s, htmlSafe: false)
        case let .number(x, places): return Number.format(x, places: places)
        case let .integer(i): return String(i)
        case let .raw(s): return s
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// Texts with every kind of escape, at the start, middle and end.
    static let texts = ["", "a", "Nguyễn Văn Đức", "\"", "\\", "a\"b", "\\end", "start\\", "tab\there", "\u{1}\u{1F}", "\u{7F}",
                        "line\nline", "🙂 \u{1F600}", "/slash/", "\r\n", "\u{08}\u{0C}", "\u{2028}", "key", "hash", "kind"]

    static func randomValue(_ rng: inout SystemRandomNumberGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &rng) {
        case 0: return .string(texts.randomElement(using: &rng) ?? "")
        case 1: return .integer(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 2: return .raw(["0", "-1.5", "12.00", "3e5"].randomElement(using: &rng) ?? "0")
        case 3: return [.null, .bool(true), .bool(false)].randomElement(using: &rng) ?? .null
        case 4: return .number(Rational(Int.random(in: -999...999, using: &rng), 7), places: Int.random(in: 0...3, using: &rng))
        case 5:
            // Keys in order, out of order, and repeated (a repeated key keeps its place).
            let n = Int.random(in: 0...5, using: &rng)
            return .object((0..<n).map { _ in (texts.randomElement(using: &rng) ?? "", randomValue(&rng, depth: depth + 1)) })
        default:
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
        }
    }

    @Test func writesWhatTheStringWriterWrote() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let v = CanonicalJSONBytesTests.randomValue(&rng, depth: 0)
            let expected = CanonicalJSONBytesTests.reference(v)
            #expect(CanonicalJSON.bytes(v) == Array(expected.utf8))
            #expect(CanonicalJSON.serialize(v) == expected)
        }
        // Sorted, unsorted and repeated keys.
        #expect(CanonicalJSON.serialize(.object([("b", .integer(1)), ("a", .integer(2))])) == #"{"a":2,"b":1}"#)
        #expect(CanonicalJSON.serialize(.object([("a", .integer(1)), ("a", .integer(2))])) == #"{"a":1,"a":2}"#)
        #expect(CanonicalJSON.serialize(.object([("a", .integer(1)), ("b", .integer(2)), ("a", .integer(3))])) == #"{"a":1,"a":3,"b":2}"#)
    }

    @Test func readsBackEveryTextWithOrWithoutEscapes() {
        for s in CanonicalJSONBytesTests.texts {
            #expect(CanonicalJSON.parse(CanonicalJSON.serialize(.string(s)))?.stringValue == s)
            #expect(CanonicalJSON.parse(Array(CanonicalJSON.serialize(.object([(s, .string(s))])).utf8))?[s]?.stringValue == s)
        }
        // Escapes a canonical writer does not use, anywhere in the text.
        #expect(CanonicalJSON.parse(#""\/a\u00e9\u0041""#)?.stringValue == "/aéA")
        #expect(CanonicalJSON.parse(#""x\ud83d\ude00y""#)?.stringValue == "x😀y")
        #expect(CanonicalJSON.parse(#""ab\"""#)?.stringValue == "ab\"")
        // Not JSON: a raw control character (before or after an escape), an
        // unfinished text, an unknown escape.
        for bad in ["\"a\u{1}b\"", "\"a\\nb\u{1}\"", "\"abc", "\"ab\\", "\"a\\qb\"", "\"\\ud83d\""] {
            #expect(CanonicalJSON.parse(bad) == nil, "\(bad)")
        }
        // Random values read back as the same text.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let text = CanonicalJSON.serialize(CanonicalJSONBytesTests.randomValue(&rng, depth: 0))
            #expect(CanonicalJSON.parse(Array(text.utf8)).map(CanonicalJSON.serialize) == text)
        }
    }

    /// The published ledger's changes are parsed in batches of 8,192 on
    /// every core: a ledger longer than two batches gives what pages show
    /// exactly as the same entries handed over unsealed.
    @Test func aLongLedgerReadBackGivesTheSameHistory() throws {
        let asOf = try #require(Day(iso: "2026-10-01"))
        var entries = [LedgerEntry(kind: .ledgerStarted)]
        for i in 0..<17_000 {
            let l = "xa-\(i % 5)"
            let subject = ["locality": l, "official": "o\(i % 37)", "commitment": "c\(i % 4_000)"]
            let kind: LedgerEntry.Kind = [.commitmentAdded, .commitmentChanged, .commitmentRemoved, .officialAdded,
                                          .feedbackRowRemoved, .updateChanged, .feedbackFileRemoved][i % 7]
            entries.append(LedgerEntry(kind: kind, subject: subject, field: "status", old: .string("o\\\(i)"),
                                       new: .object([("title", .string("T \"\(i)\"")), ("status", .string("n\(i)"))]),
                                       count: kind == .feedbackFileRemoved ? i : nil))
            if i % 4_000 == 3_999 { entries.append(LedgerEntry(kind: .build, new: .object([("manifest", .string("m\(i)"))]))) }
        }
        var prev = LedgerEntry.genesis
        var lines = ""
        for i in entries.indices {
            entries[i].seal(seq: i + 1, asOf: asOf, prev: prev)
            prev = entries[i].hash
            lines += entries[i].line + "\n"
        }
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: site) }
        try FileManager.default.createDirectory(atPath: site + "/data/ledger", withIntermediateDirectories: true)
        try lines.write(toFile: site + "/data/ledger/entries.jsonl", atomically: true, encoding: .utf8)
        try LedgerFile.headJSON(seq: entries.count, hash: prev, asOf: asOf)
            .write(toFile: site + "/data/ledger/head.json", atomically: true, encoding: .utf8)
        let ledger = LedgerFile.read(site: site)
        #expect(ledger.problems.isEmpty)
        #expect(ledger.entries.count == entries.count)

        let read = SiteHistory(previous: ledger, pending: [], asOf: asOf, scores: ScoreHistory())
        let handed = SiteHistory(previous: LedgerFile(), pending: Array(entries.dropFirst()).filter { $0.kind != .build },
                                 asOf: asOf, scores: ScoreHistory())
        func text(_ c: SiteHistory.Change) -> String {
            [c.asOf.description, c.kind.rawValue, c.subject.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&"),
             c.field ?? "-", c.old.map(CanonicalJSON.serialize) ?? "-", c.new.map(CanonicalJSON.serialize) ?? "-", "\(c.count ?? -1)"]
                .joined(separator: " ")
        }
        #expect(read.recent.count > SiteHistory.recentShown)
        #expect(read.recent.map(text) == handed.recent.map(text))
        #expect(read.commitmentChanges.count == handed.commitmentChanges.count)
        for (key, changes) in handed.commitmentChanges { #expect(read.commitmentChanges[key]?.map(text) == changes.map(text), "\(key)") }
        #expect(read.earlierCommitmentChanges == handed.earlierCommitmentChanges)
        #expect(read.removedRows == handed.removedRows && read.removedRowsTotal == handed.removedRowsTotal)
        #expect(read.removedCommitments.mapValues { $0.map { "\($0.id) \(CanonicalJSON.serialize($0.state)) \($0.on)" } }
            == handed.removedCommitments.mapValues { $0.map { "\($0.id) \(CanonicalJSON.serialize($0.state)) \($0.on)" } })
    }
}
