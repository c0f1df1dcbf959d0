/// The ledger entries of one build: every change between what the previous
/// build published and what this one is about to publish (DESIGN.md, kinds
/// and fields), sorted by kind as listed, then by subject ids.
enum ChangeSet {
    struct Current {
        var province: Province
        var frameworkBytes: [UInt8]
        var feedback: RowDigests
    }

    /// Published officials loaded at once by the comparison.
    static let batch = 2048

    static func entries(previous: PreviousSite, current: Current) -> [LedgerEntry] {
        var out: [LedgerEntry] = []
        let p = current.province
        // Officials and commitments. The published officials are loaded a
        // batch at a time and compared, never all at once (at national size
        // the whole published content was ~0.5 GB beside this build's own).
        var nowIndex: [String: Int] = [:]
        for (i, o) in p.officials.enumerated() { nowIndex[o.key] = i }
        let now = nowIndex
        let officialKeys = Set(now.keys).union(previous.officialFiles.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var start = 0
        while start < officialKeys.count {
            let batch = Array(officialKeys[start..<min(officialKeys.count, start + ChangeSet.batch)])
            start += batch.count
            let before = previous.officials(batch)
            for key in batch {
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
        out += feedbackChanges(previous: previous.feedback, current: current.feedback, names: previous.names)
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

    static func feedbackChanges(previous: RowDigests, current: RowDigests,
                                names: (Set<RowDigests.Key>) -> RowDigests = { _ in RowDigests() }) -> [LedgerEntry] {
        var previous = previous, current = current
        previous.seal()
        current.seal()
        var out: [LedgerEntry] = []
        let oldCounts = previous.counts, newCounts = current.counts
        let oldFiles = Set(previous.files.indices.filter { oldCounts[$0] > 0 }.map { previous.files[$0] })
        let newFiles = Set(current.files.indices.filter { newCounts[$0] > 0 }.map { current.files[$0] })
        for f in newFiles.subtracting(oldFiles) {
            out.append(LedgerEntry(kind: .feedbackFileAdded, subject: ["file": f], count: newCounts[Int(current.fileIndex[f] ?? 0)]))
        }
        for f in oldFiles.subtracting(newFiles) {
            out.append(LedgerEntry(kind: .feedbackFileRemoved, subject: ["file": f], count: oldCounts[Int(previous.fileIndex[f] ?? 0)]))
        }
        // Rows of a file present in both builds, merged in key order: added,
        // removed (old digest, no new) and changed (both digests).
        var reported: [RowDigests.Key: (file: String, old: UInt64, new: UInt64?)] = [:]
        for file in oldFiles.intersection(newFiles) {
            guard let fo = previous.fileIndex[file], let fn = current.fileIndex[file] else { continue }
            let old = previous.records[Int(fo)], new = current.records[Int(fn)]
            var i = 0, j = 0, added = 0
            while i < old.count || j < new.count {
                if j == new.count || (i < old.count && (old[i].key.a < new[j].key.a
                                                         || (old[i].key.a == new[j].key.a && old[i].key.b < new[j].key.b))) {
                    reported[old[i].key] = (file, old[i].digest, nil)
                    i += 1
                } else if i == old.count || old[i].key != new[j].key {
                    added += 1
                    j += 1
                } else {
                    if old[i].digest != new[j].digest { reported[old[i].key] = (file, old[i].digest, new[j].digest) }
                    i += 1
                    j += 1
                }
            }
            if added > 0 { out.append(LedgerEntry(kind: .feedbackRowsAdded, subject: ["file": file], count: added)) }
        }
        // Rows removed or changed, named in a second pass over the published files.
        let named = names(Set(reported.keys))
        for (k, r) in reported {
            var s = ["file": r.file, "row": displayID(named.ids[k] ?? "")]
            if let l = named.localities[k] { s["locality"] = l }
            if let now = r.new {
                // Digests only: the ledger never carries a comment or a respondent.
                out.append(LedgerEntry(kind: .feedbackRowChanged, subject: s, old: .string(hex(r.old)), new: .string(hex(now))))
            } else {
                out.append(LedgerEntry(kind: .feedbackRowRemoved, subject: s, old: .string(hex(r.old))))
            }
        }
        return out
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
