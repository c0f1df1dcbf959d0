import Foundation

/// The published ledger as the last build read and checked it, kept beside
/// the site (`.NAME.congkhai.ledger`, never published) so that a build
/// parses and hashes only the entries appended since (decision 112).
///
/// Every build reads the whole ledger back: each entry's line parsed, its
/// hash computed, its link to the one before checked, and the changes
/// pages show parsed again from the same lines. That work grew with the
/// site's history, not with what changed: a province after a dozen builds
/// spent ~0.25 of a one-file rebuild's ~2 CPU-seconds on it, and a year of
/// nightly builds only adds entries. Entries are only ever appended, so
/// for each entry file this records the bytes the last build checked
/// (their length and SHA-256), how the chain reached them, and what was
/// found in them; a build whose file begins with exactly those bytes takes
/// those lines as found and parses only the rest. Any byte changed in that
/// prefix (an entry edited, removed or reordered) changes its digest, and
/// the file is checked line by line as before: tampering is found exactly
/// as it was. Every check of `LedgerFile.read` still runs on every entry.
///
/// Only clean files are recorded (a ledger with a problem stops the build
/// anyway), keyed as a whole by the program's digest (another binary parses
/// everything again) and sealed like the other caches (`SealedFile`): it
/// decides what a build accepts as checked. `congkhai verify` never reads
/// it: an auditor checks every entry.
struct CheckedLedger: Sendable {
    static let format = "congkhai-checked-ledger 1"

    /// Where a build finds and leaves the file, and what keys it.
    typealias Place = SealedFile.Place

    /// An entry file's checked bytes: the first `length` bytes, whose
    /// SHA-256 is `digest`, which the chain reached at seq `startSeq` after
    /// the hash `startPrev`. What a read records (`LedgerFile.CleanFile`)
    /// and what a later read compares with.
    struct Prefix: Sendable {
        var length: Int
        var digest: String
        var startPrev: String
        var startSeq: Int

        func encode(into w: inout ByteWriter) {
            w.int(length)
            w.string(digest)
            w.string(startPrev)
            w.int(startSeq)
        }

        static func decode(_ r: inout ByteReader) throws -> Prefix {
            let p = Prefix(length: try r.int(), digest: try r.string(), startPrev: try r.string(), startSeq: try r.int())
            guard p.length > 0 else { throw ByteReader.Malformed() }
            return p
        }
    }

    /// One entry file's checked prefix and the lines found in it.
    struct File: Sendable {
        var prefix: Prefix
        var lines: [LedgerFile.CheckedLine]
    }

    var files: [String: File] = [:]
    /// `SiteHistory.changes` of the ledger's first `entries` entries.
    var changes: KnownChanges?

    /// The pages' changes of a ledger's first `entries` entries, spooled
    /// until the history reads them (`take`): read at the start of the
    /// build, a country's (~240,000) would otherwise be held through the
    /// whole feedback stage, where its memory peaks.
    struct KnownChanges: Sendable {
        var entries: Int
        let spool: Spool
        let offset: Int
        let count: Int

        /// The changes; nil when they cannot be read back (the entries are then parsed).
        func take() -> [SiteHistory.Change]? {
            guard let bytes = count == 0 ? [] : spool.read(offset, count) else { return nil }
            var r = ByteReader(bytes)
            do {
                var changes: [SiteHistory.Change] = []
                for _ in 0..<(try r.count()) { changes.append(try CheckedLedger.change(&r)) }
                return r.isAtEnd ? changes : nil
            } catch {
                return nil
            }
        }
    }

    /// The lines of `file` the last build checked, when `bytes` begin with
    /// exactly the bytes it checked and the chain reaches them as it did
    /// then; none otherwise (the file is then parsed whole).
    func knownLines(of file: String, in bytes: [UInt8], lines: [Range<Int>], previousHash: String, expected: Int) -> [LedgerFile.CheckedLine] {
        guard let f = files[file], !f.lines.isEmpty else { return [] }
        let p = f.prefix
        guard p.length <= bytes.count, bytes[p.length - 1] == 0x0A, p.startPrev == previousHash, p.startSeq == expected,
              f.lines.count <= lines.count, lines[f.lines.count - 1].upperBound < p.length,
              f.lines.count == lines.count || lines[f.lines.count].lowerBound >= p.length
        else { return [] }
        // Hashed in place: a country's ledger is ~200 MB.
        let digest = SHA256.Stream()
        bytes.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[..<p.length])) }
        return digest.finish() == p.digest ? f.lines : []
    }

    /// The last build's file when its seal holds and `place.program` made it; nil otherwise.
    static func read(_ place: Place) -> CheckedLedger? {
        guard var r = SealedFile.read(place.path, prefix: [format, place.program], sealKey: place.sealKey) else { return nil }
        do {
            var ledger = CheckedLedger()
            for _ in 0..<(try r.count()) {
                let path = try r.string()
                var file = File(prefix: try Prefix.decode(&r), lines: [])
                var prev = file.prefix.startPrev
                let count = try r.count()
                file.lines.reserveCapacity(count)
                for _ in 0..<count {
                    let seq = try r.int(), kind = try r.string(), hash = try r.string(), asOf = try r.string()
                    let new = try r.bool() ? try json(&r) : nil
                    file.lines.append(.init(seq: seq, kind: kind, hash: hash, prev: prev, asOf: asOf, new: new))
                    prev = hash
                }
                ledger.files[path] = file
            }
            if try r.bool() {
                let entries = try r.int(), count = try r.count(minimumBytes: 0), start = r.position
                try r.skip(count)
                let spool = Spool()
                let offset = count == 0 ? 0 : spool.append(Array(r.allBytes[start..<(start + count)]))
                ledger.changes = KnownChanges(entries: entries, spool: spool, offset: offset, count: count)
            }
            guard r.isAtEnd else { return nil }
            return ledger
        } catch {
            return nil
        }
    }

    /// Records what this build read of the published ledger (`ledger`, read
    /// with `recordsClean`) and the changes pages found in it. Written
    /// whatever becomes of the build: it describes bytes already published,
    /// which the next build compares by their digest. Nothing is written
    /// (and the old file removed) for a ledger with a problem.
    static func write(_ place: Place, ledger: LedgerFile, changes: [SiteHistory.Change]) {
        guard ledger.problems.isEmpty, !ledger.cleanFiles.isEmpty else {
            unlink(place.path)
            return
        }
        // The changes cover every entry only when every file was read clean.
        let coversAll = ledger.cleanFiles.reduce(0) { $0 + $1.entries.count } == ledger.entries.count
        let files = ledger.cleanFiles.filter { !$0.entries.isEmpty }
        SealedFile.write(to: place.path, sealKey: place.sealKey) { w in
            w.string(format)
            w.string(place.program)
            w.int(files.count)
            for f in files {
                w.string(f.path)
                f.prefix.encode(into: &w)
                w.int(f.entries.count)
                for e in ledger.entries[f.entries] {
                    w.int(e.seq)
                    w.string(e.kind)
                    w.string(e.hash)
                    w.string(e.asOf)
                    w.bool(e.new != nil)
                    if let new = e.new { json(new, into: &w) }
                }
            }
            w.bool(coversAll)
            if coversAll {
                var section = ByteWriter()
                section.int(changes.count)
                for c in changes { change(c, into: &section) }
                w.int(ledger.entries.count)
                w.int(section.bytes.count)
                w.raw(section.bytes)
            }
        }
    }

    private static func json(_ v: JSONValue, into w: inout ByteWriter) {
        let bytes = CanonicalJSON.bytes(v)
        w.int(bytes.count)
        w.raw(bytes)
    }

    private static func json(_ r: inout ByteReader) throws -> JSONValue {
        let count = try r.count(minimumBytes: 0)
        let start = r.position
        try r.skip(count)
        guard let v = CanonicalJSON.parse(Array(r.allBytes[start..<(start + count)])) else { throw ByteReader.Malformed() }
        return v
    }

    private static func optionalJSON(_ v: JSONValue?, into w: inout ByteWriter) {
        w.bool(v != nil)
        if let v { json(v, into: &w) }
    }

    private static func change(_ c: SiteHistory.Change, into w: inout ByteWriter) {
        w.int(c.asOf.ordinal)
        w.string(c.kind.rawValue)
        let subject = c.subject.sorted { UTF8Order.precedes($0.key, $1.key) }
        w.int(subject.count)
        for (k, v) in subject {
            w.string(k)
            w.string(v)
        }
        w.bool(c.field != nil)
        if let field = c.field { w.string(field) }
        optionalJSON(c.old, into: &w)
        optionalJSON(c.new, into: &w)
        w.bool(c.count != nil)
        if let count = c.count { w.int(count) }
    }

    static func change(_ r: inout ByteReader) throws -> SiteHistory.Change {
        let asOf = Day(ordinal: try r.int())
        guard let kind = LedgerEntry.Kind(rawValue: try r.string()) else { throw ByteReader.Malformed() }
        var subject: [String: String] = [:]
        for _ in 0..<(try r.count()) {
            let k = try r.string()
            subject[k] = try r.string()
        }
        let field = try r.bool() ? try r.string() : nil
        let old = try r.bool() ? try json(&r) : nil
        let new = try r.bool() ? try json(&r) : nil
        let count = try r.bool() ? try r.int() : nil
        return SiteHistory.Change(asOf: asOf, kind: kind, subject: subject, field: field, old: old, new: new, count: count)
    }
}
