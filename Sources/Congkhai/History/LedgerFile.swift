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
    /// The exact lines of `batch` (entries in ledger order), in one read of
    /// the spool; each line's bytes are `bytes[offset - base ..< + length]`.
    func lines(_ batch: ArraySlice<Stored>) -> (bytes: [UInt8], base: Int)? {
        guard let first = batch.first, let last = batch.last else { return ([], 0) }
        return lines.read(first.offset, last.offset + last.length - first.offset).map { ($0, first.offset) }
    }
    /// Where in `lines` the entries at `positions` are, each line with its
    /// newline, as they were read: what a continuing build writes again.
    func byteRange(_ positions: Range<Int>) -> Range<Int> {
        guard let first = positions.first, let last = positions.last else { return 0..<0 }
        return entries[first].offset..<(entries[last].offset + entries[last].length + 1)
    }
    public var head: (seq: Int, hash: String, asOf: String)?
    /// An entry file read whole without a problem (with `recordsClean`):
    /// its bytes as checked, and its entries' places in `entries`.
    struct CleanFile: Sendable {
        var path: String
        var prefix: CheckedLedger.Prefix
        var entries: Range<Int>
    }
    var cleanFiles: [CleanFile] = []
    /// The pages' changes (`SiteHistory.changes`) of the first entries,
    /// as the last build found them in the same bytes.
    var knownChanges: CheckedLedger.KnownChanges?
    /// One precise line per problem (`ledger seq 17: hash mismatch`).
    public var problems: [String] = []

    public var lastBuild: Stored? { entries.last { $0.kind == LedgerEntry.Kind.build.rawValue } }
    public var exists: Bool { !entries.isEmpty || head != nil }

    static let dir = "data/ledger"

    /// A name a build writes in `data/ledger/`: the entry files, `head.json`,
    /// `head.sig`. The chain covers these and the manifest does not list
    /// them; anything else there is covered by nothing (decision 122).
    static func isLedgerFile(_ name: String) -> Bool {
        if name == "head.json" || name == "head.sig" || name == LedgerSegments.single { return true }
        return LedgerSegments.segmentNumber(name).map { name == LedgerSegments.segmentName($0) } ?? false
    }

    /// `isLedgerFile` for a path relative to the site.
    static func isLedgerPath(_ path: String) -> Bool {
        path.hasPrefix(dir + "/") && isLedgerFile(String(path.dropFirst(dir.count + 1)))
    }

    /// Entry files in order — `entries.jsonl` alone, or the numbered
    /// segments by number (decision 118) — and a problem for each segment
    /// missing from the numbering (`entries-000002.jsonl` gone between 1
    /// and 3), for each file named like a segment but not one, and for an
    /// `entries.jsonl` beside segments: a verifier reading the contract
    /// literally reads the segments alone and would miss its entries (a
    /// site of decision 117, whose open tail had that name). It is read
    /// after the segments all the same, so that the layout is the one
    /// problem named, not also every check of the chain after it.
    static func entryFiles(site: String) -> (files: [String], problems: [String]) {
        let folder = site + "/" + dir
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var problems: [String] = []
        var numbered: [(Int, String)] = []
        for name in names where name.hasPrefix("entries-") && name.hasSuffix(".jsonl") {
            if let n = LedgerSegments.segmentNumber(name), name == LedgerSegments.segmentName(n) { numbered.append((n, name)) }
            else { problems.append("ledger: \(dir)/\(name) is not a segment's name (entries-000001.jsonl, entries-000002.jsonl, …)") }
        }
        numbered.sort { $0.0 < $1.0 }
        var expected = 1
        for (n, _) in numbered {
            if n > expected {
                let gap = n - expected == 1 ? LedgerSegments.segmentName(expected)
                    : LedgerSegments.segmentName(expected) + " … " + LedgerSegments.segmentName(n - 1)
                problems.append("ledger: \(dir)/\(gap) is missing (the segments are numbered from 1 without gaps)")
            }
            expected = n + 1
        }
        var files = numbered.map { dir + "/" + $0.1 }
        if names.contains(LedgerSegments.single) {
            files.append(dir + "/" + LedgerSegments.single)
            if !numbered.isEmpty {
                let next = LedgerSegments.segmentName((numbered.last?.0 ?? 0) + 1)
                problems.append("ledger: \(dir)/\(LedgerSegments.single) is beside numbered segments (a split ledger is its segments alone; when it holds the newest entries, rename it \(next))")
            }
        }
        return (files, problems)
    }

    /// Each entry file's `lstat` signature (`FileWalk`), when the file did
    /// not change while it was read. A build links a sealed segment from
    /// the published site only while it is still that file
    /// (`keptSegment`), so what it publishes is what it checked.
    var signatures: [String: String] = [:]

    /// The published file at `path` (relative to the site), when it was read
    /// without a problem (`cleanFiles`), holds exactly `entries`, and has
    /// not changed since: its absolute path and the SHA-256 of its bytes as
    /// checked.
    func keptSegment(site: String, path: String, entries: Range<Int>) -> (source: String, digest: String)? {
        guard let clean = cleanFiles.first(where: { $0.path == path }), clean.entries == entries,
              let signature = signatures[path], FileWalk.signature(of: site + "/" + path)?.signature == signature else { return nil }
        return (site + "/" + path, clean.prefix.digest)
    }

    /// Reads and checks the whole ledger. With `checked` (a build, never
    /// `verify`), an entry file whose first bytes are the ones the last
    /// build checked takes those entries from it instead of parsing and
    /// hashing them again (decision 112); every check below runs the same.
    /// `recordsClean` keeps, for each file read without a problem, what
    /// `CheckedLedger` records for the next build.
    public static func read(site: String) -> LedgerFile { read(site: site, checked: nil, recordsClean: false) }

    static func read(site: String, checked: CheckedLedger?, recordsClean: Bool) -> LedgerFile {
        var ledger = LedgerFile()
        let (files, layoutProblems) = entryFiles(site: site)
        ledger.problems += layoutProblems
        let headPath = site + "/" + dir + "/head.json"
        if files.isEmpty {
            ledger.problems.append("ledger: data/ledger/entries.jsonl is missing")
        }
        var previousHash = LedgerEntry.genesis
        var expected = 1
        /// How many of the first entries were taken from `checked`.
        var leadingKnown = 0
        for file in files {
            // The file's bytes only (Foundation's `Data` let go at once: a national ledger is ~200 MB).
            let before = FileWalk.signature(of: site + "/" + file)?.signature
            guard let bytes = FileManager.default.contents(atPath: site + "/" + file).map({ [UInt8]($0) }) else {
                ledger.problems.append("ledger: cannot read \(file)")
                continue
            }
            if let before, before == FileWalk.signature(of: site + "/" + file)?.signature { ledger.signatures[file] = before }
            let problemsBefore = ledger.problems.count, firstEntry = ledger.entries.count, startPrev = previousHash, startSeq = expected
            if !bytes.isEmpty && bytes.last != 0x0A { ledger.problems.append("ledger: \(file) does not end with a complete line (truncated?)") }
            // Lines as bytes. A ledger whose lines end in CR LF was rewritten
            // by a tool (git's autocrlf, an editor): one problem says so, not
            // one per entry.
            let lines = bytes.split(separator: 0x0A).map(\.indices)
            if lines.contains(where: { bytes[$0.upperBound - 1] == 0x0D }) {
                ledger.problems.append("ledger: \(file) has CR LF line endings: it was rewritten by a tool (git autocrlf, an editor); its entries were written with LF")
                continue
            }
            // The lines the last build checked, when these bytes begin with
            // theirs and the chain reaches them as it reached them then.
            let known = checked?.knownLines(of: file, in: bytes, lines: lines, previousHash: previousHash, expected: expected) ?? []
            if leadingKnown == ledger.entries.count { leadingKnown += known.count }
            // Each entry parsed and hashed on every core (a national ledger:
            // 240,000 entries, 195 MB, after a few builds); the chain's order
            // checked after, one batch at a time.
            let batch = 8192
            for first in stride(from: 0, to: lines.count, by: batch) {
                let part = Array(lines[first..<min(lines.count, first + batch)])
                let checkedLines = Slots<CheckedLine>(count: part.count)
                if first + part.count > known.count {
                    DispatchQueue.concurrentPerform(iterations: part.count) { i in
                        if first + i >= known.count, let c = CheckedLine(Array(bytes[part[i]])) { checkedLines.set(i, c) }
                    }
                }
                for (i, range) in part.enumerated() {
                    guard let c = first + i < known.count ? known[first + i] : checkedLines.value(i) else {
                        ledger.problems.append("ledger seq \(expected): not a valid entry")
                        expected += 1
                        continue
                    }
                    let seq = c.seq
                    if seq != expected { ledger.problems.append("ledger seq \(expected): found seq \(seq) (an entry is missing or out of order)") }
                    if c.computed != c.hash { ledger.problems.append("ledger seq \(seq): hash mismatch") }
                    if c.prev != previousHash { ledger.problems.append("ledger seq \(seq): prev does not match the hash of seq \(seq - 1)") }
                    if LedgerEntry.Kind(rawValue: c.kind) == nil { ledger.problems.append("ledger seq \(seq): unknown kind \"\(c.kind)\"") }
                    let offset = ledger.lines.append(Array(bytes[range]) + [0x0A])
                    ledger.entries.append(Stored(offset: offset, length: range.count, seq: seq, kind: c.kind, hash: c.hash,
                                                 asOf: c.asOf, new: c.new))
                    previousHash = c.hash
                    expected = seq + 1
                }
            }
            if recordsClean, ledger.problems.count == problemsBefore {
                ledger.cleanFiles.append(CleanFile(path: file, prefix: .init(length: bytes.count, digest: SHA256.hex(bytes), startPrev: startPrev,
                                                                             startSeq: startSeq),
                                                   entries: firstEntry..<ledger.entries.count))
            }
        }
        if let known = checked?.changes, known.entries <= leadingKnown { ledger.knownChanges = known }
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
                    } else if ledger.head?.asOf != last.asOf {
                        // Unsigned, the date a reader sees as the site's last update is only this check's.
                        ledger.problems.append("ledger: head.json as_of \"\(ledger.head?.asOf ?? "")\" differs from the as_of of seq \(seq) (\(last.asOf))")
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

    /// One line of the ledger, parsed, with the hash of its body as computed
    /// here (compared with the one it states by the caller, in order).
    struct CheckedLine: Sendable {
        var seq: Int
        var kind: String
        var hash: String
        var prev: String
        var asOf: String
        var new: JSONValue?
        var computed: String

        /// A line the last build checked (`CheckedLedger`): its hash was the one computed.
        init(seq: Int, kind: String, hash: String, prev: String, asOf: String, new: JSONValue?) {
            self.seq = seq
            self.kind = kind
            self.hash = hash
            self.prev = prev
            self.asOf = asOf
            self.new = new
            computed = hash
        }

        init?(_ line: [UInt8]) {
            guard let parsed = CanonicalJSON.parseLine(line), case let .object(pairs) = parsed.value else { return nil }
            let value = parsed.value
            guard let seq = value["seq"]?.intValue, let kind = value["kind"]?.stringValue,
                  let hash = value["hash"]?.stringValue, let prev = value["prev"]?.stringValue else { return nil }
            self.seq = seq
            self.kind = kind
            self.hash = hash
            self.prev = prev
            asOf = value["as_of"]?.stringValue ?? ""
            new = kind == LedgerEntry.Kind.build.rawValue ? value["new"] : nil
            computed = CheckedLine.bodyHash(line, parsed.members) ?? SHA256.hex(CanonicalJSON.bytes(JSONValue.object(pairs.filter { $0.0 != "hash" })))
        }

        /// The hash of the entry's canonical text without its `hash`
        /// member, taken from the line itself when the line is canonical
        /// (`CanonicalJSON.parseLine`): that text is the line less the
        /// member and one comma. Writing every entry again was ~40 % of a
        /// rebuild's ledger check (a national ledger: 195 MB, every build).
        /// Nil when the line is not canonical: then it is written again.
        static func bodyHash(_ line: [UInt8], _ members: [(key: String, range: Range<Int>)]?) -> String? {
            guard let members, let h = members.firstIndex(where: { $0.key == "hash" }) else { return nil }
            let own = members[h].range
            let cut = h > 0 ? members[h - 1].range.upperBound..<own.upperBound  // with the comma before it
                : h + 1 < members.count ? own.lowerBound..<members[h + 1].range.lowerBound  // with the comma after it
                : own
            var body = line
            body.removeSubrange(cut)
            return SHA256.hex(body)
        }
    }

    /// `head.json` for the last entry.
    static func headJSON(seq: Int, hash: String, asOf: Day) -> String {
        CanonicalJSON.serialize(.object([("seq", .integer(seq)), ("hash", .string(hash)), ("as_of", .string(asOf.description))])) + "\n"
    }
}
