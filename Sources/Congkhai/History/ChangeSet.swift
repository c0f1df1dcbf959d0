import Foundation

/// The ledger entries of one build: every change between what the previous
/// build published and what this one is about to publish (DESIGN.md, kinds
/// and fields), sorted by kind as listed, then by subject ids.
enum ChangeSet {
    struct Current {
        var province: Province
        var frameworkBytes: [UInt8]
        var feedback: RowDigests
        /// How what this build publishes for a locality begins like a published
        /// file (`FeedbackExport.sharedPrefix`); nil in tests without one.
        var exported: (String, [UInt8]) -> FeedbackExport.Shared? = { _, _ in nil }
    }

    /// Published officials loaded at once by the comparison.
    static let batch = 2048

    /// Nil when a published feedback file cannot be read back (rows removed
    /// from it could not be recorded).
    static func entries(previous: PreviousSite, current: Current) -> [LedgerEntry]? {
        var out: [LedgerEntry] = []
        let p = current.province
        // Officials and commitments. The published officials are loaded a
        // batch at a time and compared, never all at once (at national size
        // the whole published content was ~0.5 GB beside this build's own).
        var nowIndex: [String: Int] = [:]
        for (i, o) in p.officials.enumerated() { nowIndex[o.key] = i }
        let now = nowIndex
        let officialKeys = Set(now.keys).union(previous.officialFiles.keys).sorted { UTF8Order.precedes($0, $1) }
        var start = 0
        while start < officialKeys.count {
            let batch = Array(officialKeys[start..<min(officialKeys.count, start + ChangeSet.batch)])
            start += batch.count
            // A published file holding this build's bytes has no change to record (decision 82).
            let same = previous.unchanged(batch, hashes: batch.map { key in now[key].flatMap { p.inputBytes.hash(p.officials[$0].file) } })
            let before = previous.officials(batch.filter { !same.contains($0) })
            for key in batch where !same.contains(key) {
                switch (before[key], now[key].map { p.officials[$0] }) {
                case let (nil, o?):
                    out.append(LedgerEntry(kind: .officialAdded, subject: ["locality": o.locality, "official": o.id], new: .string(o.name)))
                    let oi = now[key] ?? 0
                    for (ci, c) in o.commitments.enumerated() {
                        // The state is written when the entry is sealed (a
                        // first national build adds 275,000 commitments:
                        // their states all at once were ~400 MB).
                        var e = LedgerEntry(kind: .commitmentAdded, subject: subject(o, c), new: .object([("title", .string(c.title))]))
                        e.deferredState = (oi, ci)
                        out.append(e)
                    }
                case let (o?, nil):
                    out.append(LedgerEntry(kind: .officialRemoved, subject: ["locality": o.locality, "official": o.id], old: .string(o.name)))
                    for c in o.commitments {
                        out.append(LedgerEntry(kind: .commitmentRemoved, subject: subject(o, c), old: state(c)))
                    }
                case let (old?, new?):
                    out += commitmentChanges(old: old, new: new)
                case (nil, nil):
                    break
                }
            }
        }
        // Feedback rows, compared by row id within the same file path.
        let feedback = feedbackChanges(previous: previous.feedbackFiles, current: current.feedback,
                                       exported: current.exported)
        guard feedback.readable else { return nil }
        out += feedback.entries
        // Audits: the same finding in the same file is the same audit.
        let oldAudits = auditKeys(previous.audits)
        let newAudits = auditKeys(p.auditEntries)
        // The official an audit names, as locality and id (a bare id is unique in its province).
        var byID: [String: [String]] = [:]
        for key in officialKeys { byID[String(key.split(separator: "/").last ?? ""), default: []].append(key) }
        func auditSubject(_ where_: (String, String)) -> [String: String] {
            var s = ["audit": where_.0]
            let ref = where_.1
            let key = ref.contains("/") ? ref : ((byID[ref]?.count == 1) ? byID[ref]?.first ?? ref : ref)
            let parts = key.split(separator: "/").map(String.init)
            if parts.count == 2 { s["locality"] = parts[0]; s["official"] = parts[1] } else { s["official"] = ref }
            return s
        }
        for (k, where_) in newAudits where oldAudits[k] == nil {
            out.append(LedgerEntry(kind: .auditAdded, subject: auditSubject(where_)))
        }
        for (k, where_) in oldAudits where newAudits[k] == nil {
            out.append(LedgerEntry(kind: .auditRemoved, subject: auditSubject(where_)))
        }
        // The framework, by its bytes.
        if let old = previous.frameworkBytes, old != current.frameworkBytes {
            out.append(LedgerEntry(kind: .frameworkChanged, subject: ["file": p.framework.file],
                                   old: .string(SHA256.hex(old)), new: .string(SHA256.hex(current.frameworkBytes))))
        }
        // Keys built once per entry, not twice per comparison (a first
        // national build has 331,000 entries: 8 s of sorting before).
        let keys = out.map(\.sortKey)
        return out.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }.map { out[$0] }
    }

    static func subject(_ o: Official, _ c: Commitment) -> [String: String] {
        ["locality": o.locality, "official": o.id, "commitment": c.id]
    }

    // MARK: - Commitments

    /// The fields the contract lists, as JSON values written as in the content.
    static func fields(_ c: Commitment) -> [(String, JSONValue)] {
        func day(_ d: Day?) -> JSONValue { d.map { .string($0.description) } ?? .null }
        func num(_ r: Rational?) -> JSONValue { r.map { .raw($0.decimalText) } ?? .null }
        var withdrawn: JSONValue = .null
        if let w = c.withdrawal {
            var pairs: [(String, JSONValue)] = [("approved_by", .string(w.approvedBy)), ("decision", .string(w.decision)),
                                                ("reason", .string(w.reason))]
            if let on = w.on { pairs.append(("on", .string(on.description))) }
            withdrawn = .object(pairs)
        }
        return [
            ("deadline", .string(c.deadline.description)), ("target", num(c.target)), ("status", .string(c.status.rawValue)),
            ("completed_on", day(c.completedOn)), ("withdrawn", withdrawn), ("title", .string(c.title)),
            ("group", .string(c.group.rawValue)), ("difficulty", .string(c.difficulty.rawValue)),
            ("product", c.product.map { .string($0) } ?? .null), ("acceptance", .string(c.acceptance)),
            ("published_on", day(c.publishedOn)),
        ]
    }

    /// A commitment's whole state (its contract fields and updates): what an
    /// added one promised and what a removed one last said, so pages can keep
    /// showing a removed commitment from the ledger alone.
    static func state(_ c: Commitment) -> JSONValue {
        var pairs = fields(c)
        if let actual = c.actual { pairs.append(("actual", .raw(actual.decimalText))) }
        if !c.unit.isEmpty { pairs.append(("unit", .string(c.unit))) }
        pairs.append(("updates", .array(c.updates.map { .object([("on", .string($0.on.description))] + updateFields($0)) })))
        return .object(pairs)
    }

    static func updateKeys(_ updates: [Update]) -> [(String, Update)] {
        var seen: [Day: Int] = [:]
        return updates.map { u in
            let n = seen[u.on, default: 0] + 1
            seen[u.on] = n
            return (n == 1 ? u.on.description : "\(u.on)#\(n)", u)
        }
    }

    static func updateFields(_ u: Update) -> [(String, JSONValue)] {
        [("progress", u.progress.map { .raw($0.decimalText) } ?? .null), ("note", .string(u.note)),
         ("evidence", u.evidence.map { .string($0) } ?? .null)]
    }

    static func commitmentChanges(old: Official, new: Official) -> [LedgerEntry] {
        var out: [LedgerEntry] = []
        var before: [String: Commitment] = [:]
        for c in old.commitments { before[c.id] = c }
        var after: [String: Commitment] = [:]
        for c in new.commitments { after[c.id] = c }
        for c in new.commitments where before[c.id] == nil {
            out.append(LedgerEntry(kind: .commitmentAdded, subject: subject(new, c), new: state(c)))
        }
        for c in old.commitments where after[c.id] == nil {
            out.append(LedgerEntry(kind: .commitmentRemoved, subject: subject(old, c), old: state(c)))
        }
        for c in new.commitments {
            guard let o = before[c.id] else { continue }
            for ((name, a), (_, b)) in zip(fields(o), fields(c)) where a != b {
                out.append(LedgerEntry(kind: .commitmentChanged, subject: subject(new, c), field: name, old: a, new: b))
            }
            let oldUpdates = updateKeys(o.updates), newUpdates = updateKeys(c.updates)
            var newByKey: [String: Update] = [:]
            for (k, u) in newUpdates { newByKey[k] = u }
            for (k, u) in oldUpdates {
                var s = subject(new, c)
                s["update"] = k
                guard let nu = newByKey[k] else {
                    out.append(LedgerEntry(kind: .updateRemoved, subject: s, old: .object([("on", .string(u.on.description))] + updateFields(u))))
                    continue
                }
                for ((name, a), (_, b)) in zip(updateFields(u), updateFields(nu)) where a != b {
                    out.append(LedgerEntry(kind: .updateChanged, subject: s, field: name, old: a, new: b))
                }
            }
        }
        return out
    }

    // MARK: - Feedback

    /// Rows of the published feedback files (`previous`, read one file at a
    /// time and never kept) against this build's, by row id within the same
    /// source file: rows added (counted per file), removed or changed (named,
    /// with digests), whole files added or removed. Of two published rows
    /// with one key (a published file edited by hand) the later stands.
    /// Nil entries when a published file cannot be read (`readable` false):
    /// the caller decides whether that stops the build.
    ///
    /// `exported` compares what this build publishes for a locality (by id)
    /// with a published file and gives its runs of rows by export file. The
    /// runs a published file still holds byte for byte at its start are not
    /// visited row by row: each of their rows would be found unchanged (same
    /// bytes, same file and id). A nightly build whose exports gained rows
    /// only at their ends — a new export file, rows appended — compares only
    /// what follows (decision 82).
    static func feedbackChanges(previous files: [String], current: RowDigests,
                                exported: (String, [UInt8]) -> FeedbackExport.Shared? = { _, _ in nil },
                                read: (String) -> [UInt8]? = { FileManager.default.contents(atPath: $0).map { Array($0) } })
        -> (entries: [LedgerEntry], readable: Bool, visited: Int) {
        var current = current
        current.seal()
        let newCounts = current.counts
        // Which of this build's rows a published row matched, per file.
        var matched = current.records.map { [Bool](repeating: false, count: $0.count) }
        /// Rows per file index found unchanged without a visit (runs skipped).
        var skipped = [Int](repeating: 0, count: current.records.count)
        /// Published rows compared one by one (the rest were in runs skipped whole).
        var visited = 0
        var reported: [RowDigests.Key: (file: String, old: UInt64, new: UInt64?, id: String, locality: String?)] = [:]
        /// Keys of published files this build no longer has (counted at the end).
        var goneKeys: [String: Set<RowDigests.Key>] = [:]
        var oldFiles = Set<String>()
        var readable = true
        for path in files {
            guard let bytes = read(path), let csv = Gzip.decompress(bytes) else {
                readable = false
                continue
            }
            var from = 0
            let name = (path as NSString).lastPathComponent
            if name.hasSuffix(".csv.gz"), let now = exported(String(name.dropLast(".csv.gz".count)), csv) {
                let same = now.shared
                if same >= now.header {
                    from = now.header
                    for run in now.segments {
                        guard from + run.bytes <= same, let f = current.fileIndex[run.file], newCounts[Int(f)] > 0 else { break }
                        skipped[Int(f)] += run.rows
                        oldFiles.insert(run.file)
                        from += run.bytes
                    }
                }
            }
            let ok = RowDigests.visit(csv: csv, from: from) { row in
                visited += 1
                let key = RowDigests.key(file: row.file, id: row.id)
                let digest = RowDigests.digest(row.line)
                oldFiles.insert(row.file)
                guard let f = current.fileIndex[row.file], newCounts[Int(f)] > 0 else {
                    // A whole file gone is one entry with its count, not a row each.
                    goneKeys[row.file, default: []].insert(key)
                    return
                }
                if let i = current.index(file: Int(f), key: key) {
                    matched[Int(f)][i] = true
                    let now = current.records[Int(f)][i].digest
                    reported[key] = now == digest ? nil : (row.file, digest, now, row.id, row.locality())
                } else {
                    reported[key] = (row.file, digest, nil, row.id, row.locality())
                }
            }
            if !ok { readable = false }
        }
        var out: [LedgerEntry] = []
        let newFiles = Set(current.files.indices.filter { newCounts[$0] > 0 }.map { current.files[$0] })
        for f in newFiles.subtracting(oldFiles) {
            out.append(LedgerEntry(kind: .feedbackFileAdded, subject: ["file": f], count: newCounts[Int(current.fileIndex[f] ?? 0)]))
        }
        for (f, keys) in goneKeys {
            out.append(LedgerEntry(kind: .feedbackFileRemoved, subject: ["file": f], count: keys.count))
        }
        for f in newFiles.intersection(oldFiles) {
            guard let fi = current.fileIndex[f] else { continue }
            let added = max(0, matched[Int(fi)].count { !$0 } - skipped[Int(fi)])
            if added > 0 { out.append(LedgerEntry(kind: .feedbackRowsAdded, subject: ["file": f], count: added)) }
        }
        for (_, r) in reported {
            var s = ["file": r.file, "row": displayID(r.id)]
            if let l = r.locality { s["locality"] = l }
            if let now = r.new {
                // Digests only: the ledger never carries a comment or a respondent.
                out.append(LedgerEntry(kind: .feedbackRowChanged, subject: s, old: .string(hex(r.old)), new: .string(hex(now))))
            } else {
                out.append(LedgerEntry(kind: .feedbackRowRemoved, subject: s, old: .string(hex(r.old))))
            }
        }
        return (out, readable, visited)
    }

    /// The id as in the export, without the formula-injection prefix the CSV added.
    static func displayID(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().unicodeScalars.first,
              ["=", "+", "-", "@", "\t", "\r"].contains(second) else { return cell }
        return String(cell.dropFirst())
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    // MARK: - Audits

    /// Canonical content → (`file:index`, official reference).
    static func auditKeys(_ audits: [AuditEntry]) -> [String: (String, String)] {
        var out: [String: (String, String)] = [:]
        var index: [String: Int] = [:]
        for a in audits {
            let i = index[a.file, default: 0]
            index[a.file] = i + 1
            let key = CanonicalJSON.serialize(.object([
                ("file", .string(a.file)), ("official", .string(a.officialRef)), ("by", .string(a.by)),
                ("on", .string(a.on.description)), ("finding", .string(a.finding)), ("reference", .string(a.reference)),
                (a.action.key, .string(a.action.amount)),
            ]))
            if out[key] == nil { out[key] = ("\(a.file):\(i)", a.officialRef) }
        }
        return out
    }
}
