import Foundation

/// Reads and checks `data/ledger/` of a published site: the chain from seq 1,
/// each hash, each link, and `head.json` at its end.
///
/// Used by `build` (a previous site whose ledger fails stops the build) and
/// by `verify`, so both judge a ledger by the same rules.
public struct LedgerFile: Sendable {
    /// One stored entry: where its exact line is, and the values the checks need.
    public struct Stored: Sendable {
        /// The line's place in `lines` (without its newline).
        var offset: Int
        var length: Int
        public var seq: Int
        public var kind: String
        public var hash: String
        public var asOf: String
        /// Kept for `build` entries only (the manifest and scores they
        /// name); other entries' values are read from `line` where needed —
        /// a national ledger holds 275,000 whole commitment states.
        public var new: JSONValue?
    }

    public var entries: [Stored] = []
    /// Every entry's exact line followed by a newline, in order: what a
    /// continuing build copies ahead of its own entries. Spooled, not held:
    /// a national ledger is ~200 MB of lines after its first build, and
    /// every nightly build reads it.
    let lines = Spool()

    /// The exact line of `entry`.
    public func line(_ entry: Stored) -> String {
        lines.read(entry.offset, entry.length).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
    public var head: (seq: Int, hash: String, asOf: String)?
    /// One precise line per problem (`ledger seq 17: hash mismatch`).
    public var problems: [String] = []

    public var lastBuild: Stored? { entries.last { $0.kind == LedgerEntry.Kind.build.rawValue } }
    public var exists: Bool { !entries.isEmpty || head != nil }

    static let dir = "data/ledger"

    /// Entry files in order: `entries.jsonl`, or the numbered segments.
    static func entryFiles(site: String) -> [String] {
        let folder = site + "/" + dir
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let segments = names.filter { $0.hasPrefix("entries-") && $0.hasSuffix(".jsonl") }.sorted()
        var files = segments.map { dir + "/" + $0 }
        if names.contains("entries.jsonl") { files.append(dir + "/entries.jsonl") }
        return files
    }

    public static func read(site: String) -> LedgerFile {
        var ledger = LedgerFile()
        let files = entryFiles(site: site)
        let headPath = site + "/" + dir + "/head.json"
        if files.isEmpty {
            ledger.problems.append("ledger: data/ledger/entries.jsonl is missing")
        }
        var previousHash = LedgerEntry.genesis
        var expected = 1
        for file in files {
            guard let data = FileManager.default.contents(atPath: site + "/" + file) else {
                ledger.problems.append("ledger: cannot read \(file)")
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            if !text.isEmpty && !text.hasSuffix("\n") { ledger.problems.append("ledger: \(file) does not end with a complete line (truncated?)") }
            for raw in text.split(separator: "\n", omittingEmptySubsequences: false) where !raw.isEmpty {
                let line = String(raw)
                guard let value = CanonicalJSON.parse(line), case let .object(pairs) = value,
                      let seq = value["seq"]?.intValue, let kind = value["kind"]?.stringValue,
                      let hash = value["hash"]?.stringValue, let prev = value["prev"]?.stringValue else {
                    ledger.problems.append("ledger seq \(expected): not a valid entry")
                    expected += 1
                    continue
                }
                if seq != expected { ledger.problems.append("ledger seq \(expected): found seq \(seq) (an entry is missing or out of order)") }
                let body = JSONValue.object(pairs.filter { $0.0 != "hash" })
                let computed = SHA256.hex(Array(CanonicalJSON.serialize(body).utf8))
                if computed != hash { ledger.problems.append("ledger seq \(seq): hash mismatch") }
                if prev != previousHash { ledger.problems.append("ledger seq \(seq): prev does not match the hash of seq \(seq - 1)") }
                if LedgerEntry.Kind(rawValue: kind) == nil { ledger.problems.append("ledger seq \(seq): unknown kind \"\(kind)\"") }
                let offset = ledger.lines.append(Array((line + "\n").utf8))
                ledger.entries.append(Stored(offset: offset, length: line.utf8.count, seq: seq, kind: kind, hash: hash,
                                             asOf: value["as_of"]?.stringValue ?? "",
                                             new: kind == LedgerEntry.Kind.build.rawValue ? value["new"] : nil))
                previousHash = hash
                expected = seq + 1
            }
        }
        if let first = ledger.entries.first, first.kind != LedgerEntry.Kind.ledgerStarted.rawValue {
            ledger.problems.append("ledger seq 1: the chain must start with ledger_started")
        }
        if let data = FileManager.default.contents(atPath: headPath) {
            if let v = CanonicalJSON.parse(String(decoding: data, as: UTF8.self)),
               let seq = v["seq"]?.intValue, let hash = v["hash"]?.stringValue {
                ledger.head = (seq, hash, v["as_of"]?.stringValue ?? "")
                if let last = ledger.entries.last {
                    if seq != last.seq {
                        ledger.problems.append("ledger: head.json names seq \(seq) but the entries end at seq \(last.seq)"
                            + (seq > last.seq ? " (truncated)" : ""))
                    } else if hash != last.hash {
                        ledger.problems.append("ledger: head.json hash differs from the hash of seq \(seq)")
                    }
                }
            } else {
                ledger.problems.append("ledger: data/ledger/head.json is not valid")
            }
        } else if !files.isEmpty {
            ledger.problems.append("ledger: data/ledger/head.json is missing")
        }
        return ledger
    }

    /// `head.json` for the last entry.
    static func headJSON(seq: Int, hash: String, asOf: Day) -> String {
        CanonicalJSON.serialize(.object([("seq", .integer(seq)), ("hash", .string(hash)), ("as_of", .string(asOf.description))])) + "\n"
    }
}
