/// One entry of the public ledger (DESIGN.md, "History and the ledger").
///
/// `hash` = SHA-256 of the entry's canonical JSON without `hash`; `prev` = the
/// previous entry's hash (64 zeros for seq 1): rewriting any old entry breaks
/// every later link.
public struct LedgerEntry: Sendable {
    /// Exactly the contract's kinds, in the order entries of one build are sorted.
    public enum Kind: String, Sendable, CaseIterable {
        case ledgerStarted = "ledger_started"
        case officialAdded = "official_added", officialRemoved = "official_removed"
        case commitmentAdded = "commitment_added", commitmentRemoved = "commitment_removed"
        case commitmentChanged = "commitment_changed"
        case updateRemoved = "update_removed", updateChanged = "update_changed"
        case feedbackFileAdded = "feedback_file_added", feedbackFileRemoved = "feedback_file_removed"
        case feedbackRowsAdded = "feedback_rows_added", feedbackRowRemoved = "feedback_row_removed"
        case feedbackRowChanged = "feedback_row_changed"
        case auditAdded = "audit_added", auditRemoved = "audit_removed"
        case frameworkChanged = "framework_changed"
        case build

        var order: Int { Kind.allCases.firstIndex(of: self) ?? 0 }
    }

    public static let genesis = String(repeating: "0", count: 64)
    /// The subject keys, in the order the contract lists them (also the sort order of a build's entries).
    public static let subjectKeys = ["locality", "official", "commitment", "update", "file", "row", "audit"]

    public var seq: Int
    public var asOf: Day
    public var kind: Kind
    public var subject: [String: String]
    public var field: String?
    public var old: JSONValue?
    public var new: JSONValue?
    public var count: Int?
    public var reason: String?
    /// `ledger_started` after `--new-ledger`: the head of the chain it replaces, when known.
    public var previousHead: JSONValue?
    public var prev: String
    public var hash: String
    /// A `commitment_added` entry whose `new` (the commitment's whole state)
    /// is made only when it is sealed: official and commitment indexes in
    /// the province being built. Until then `new` holds just the title.
    var deferredState: (official: Int, commitment: Int)?

    init(kind: Kind, subject: [String: String] = [:], field: String? = nil, old: JSONValue? = nil, new: JSONValue? = nil,
         count: Int? = nil, reason: String? = nil, previousHead: JSONValue? = nil) {
        seq = 0
        asOf = Day(ordinal: 0)
        self.kind = kind
        self.subject = subject
        self.field = field
        self.old = old
        self.new = new
        self.count = count
        self.reason = reason
        self.previousHead = previousHead
        prev = LedgerEntry.genesis
        hash = ""
    }

    /// The entry without `hash`: what is hashed.
    var body: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("seq", .integer(seq)), ("as_of", .string(asOf.description)), ("kind", .string(kind.rawValue)),
            ("subject", .object(subject.map { ($0.key, .string($0.value)) })), ("prev", .string(prev)),
        ]
        if let field { pairs.append(("field", .string(field))) }
        if let old { pairs.append(("old", old)) }
        if let new { pairs.append(("new", new)) }
        if let count { pairs.append(("count", .integer(count))) }
        if let reason { pairs.append(("reason", .string(reason))) }
        if let previousHead { pairs.append(("previous_head", previousHead)) }
        return .object(pairs)
    }

    /// Links the entry after `prev` and computes its hash.
    mutating func seal(seq: Int, asOf: Day, prev: String) {
        seal(seq: seq, prev: prev, members: members(asOf: asOf))
    }

    /// The serialized members of the sealed line that do not depend on the
    /// entry's place in the chain, as runs of canonical JSON (sorted keys,
    /// no braces) between the members that do: `hash`, `prev` and `seq`.
    /// Made for many entries at once on every core (`HistoryStage.seal`);
    /// only `prev`, `seq` and the hash are left to the one ordered thread.
    struct Members: Sendable {
        fileprivate var asOf: Day
        /// `as_of`, `count`, `field`.
        fileprivate var beforeHash: [UInt8]
        /// `kind`, `new`, `old`.
        fileprivate var beforePrev: [UInt8]
        /// `previous_head`, `reason`.
        fileprivate var beforeSeq: [UInt8]
        /// `subject`.
        fileprivate var afterSeq: [UInt8]
    }

    /// Each run written as bytes, member by member in canonical key order
    /// (`as_of` < `count` < `field` < `hash` < `kind` < `new` < `old` <
    /// `prev` < `previous_head` < `reason` < `seq` < `subject`), exactly the
    /// runs of `CanonicalJSON.bytes(body)` between the chained members. Made
    /// from `body` they were a tree per entry, serialized four times,
    /// filtered, cut and turned into strings (~1.5 CPU-s of a first
    /// national build's ~440,000 entries; decision 139). `LedgerTests`
    /// holds the two ways to the same bytes.
    func members(asOf: Day) -> Members {
        func key(_ name: StaticString, _ out: inout [UInt8]) {
            if !out.isEmpty { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: "\":".utf8)
        }
        var beforeHash: [UInt8] = [], beforePrev: [UInt8] = [], beforeSeq: [UInt8] = [], afterSeq: [UInt8] = []
        beforeHash.reserveCapacity(64)
        key("as_of", &beforeHash)
        JSONValue.quote(asOf.description, htmlSafe: false, into: &beforeHash)
        if let count {
            key("count", &beforeHash)
            beforeHash.append(contentsOf: String(count).utf8)
        }
        if let field {
            key("field", &beforeHash)
            JSONValue.quote(field, htmlSafe: false, into: &beforeHash)
        }
        beforePrev.reserveCapacity(256)
        key("kind", &beforePrev)
        JSONValue.quote(kind.rawValue, htmlSafe: false, into: &beforePrev)
        if let new {
            key("new", &beforePrev)
            CanonicalJSON.write(new, into: &beforePrev)
        }
        if let old {
            key("old", &beforePrev)
            CanonicalJSON.write(old, into: &beforePrev)
        }
        if let previousHead {
            key("previous_head", &beforeSeq)
            CanonicalJSON.write(previousHead, into: &beforeSeq)
        }
        if let reason {
            key("reason", &beforeSeq)
            JSONValue.quote(reason, htmlSafe: false, into: &beforeSeq)
        }
        afterSeq.reserveCapacity(128)
        key("subject", &afterSeq)
        CanonicalJSON.write(.object(subject.map { ($0.key, .string($0.value)) }), into: &afterSeq)
        return Members(asOf: asOf, beforeHash: beforeHash, beforePrev: beforePrev, beforeSeq: beforeSeq, afterSeq: afterSeq)
    }

    /// Links the entry after `prev` with its members already serialized.
    mutating func seal(seq: Int, prev: String, members m: Members) {
        self.seq = seq
        asOf = m.asOf
        self.prev = prev
        // `hash` falls between the keys before it and the rest, so the hashed
        // body and the published line share both halves, serialized once.
        var after = m.beforePrev
        after.reserveCapacity(after.count + m.beforeSeq.count + m.afterSeq.count + 100)
        LedgerEntry.join(&after, "\"prev\":".utf8)
        JSONValue.quote(prev, htmlSafe: false, into: &after)
        if !m.beforeSeq.isEmpty { LedgerEntry.join(&after, m.beforeSeq) }
        LedgerEntry.join(&after, "\"seq\":".utf8)
        after.append(contentsOf: String(seq).utf8)
        if !m.afterSeq.isEmpty { LedgerEntry.join(&after, m.afterSeq) }
        sealedHalves = (m.beforeHash, after)
        hash = SHA256.hex(LedgerEntry.object(m.beforeHash, after))
    }

    /// The two sorted halves of the sealed body, without their braces.
    private var sealedHalves: (before: [UInt8], after: [UInt8])?

    /// Appends `part` to a run of members, after a comma unless the run is empty.
    private static func join<S: Sequence>(_ run: inout [UInt8], _ part: S) where S.Element == UInt8 {
        if !run.isEmpty { run.append(UInt8(ascii: ",")) }
        run.append(contentsOf: part)
    }

    /// A JSON object from runs of members already written, empty ones left out.
    private static func object(_ parts: [UInt8]..., newline: Bool = false) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(parts.reduce(3) { $0 + $1.count + 1 })
        var first = true
        for part in parts where !part.isEmpty {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: part)
            first = false
        }
        out.append(UInt8(ascii: "}"))
        if newline { out.append(UInt8(ascii: "\n")) }
        return out
    }

    /// One line of `entries.jsonl`: the canonical JSON with `hash`.
    var line: String { String(decoding: lineBytes(newline: false), as: UTF8.self) }

    /// `line` as the bytes written, with its newline when asked.
    func lineBytes(newline: Bool) -> [UInt8] {
        if let (before, after) = sealedHalves {
            return LedgerEntry.object(before, Array("\"hash\":\"\(hash)\"".utf8), after, newline: newline)
        }
        guard case let .object(pairs) = body else { return newline ? [UInt8(ascii: "\n")] : [] }
        var out = CanonicalJSON.bytes(.object(pairs + [("hash", .string(hash))]))
        if newline { out.append(UInt8(ascii: "\n")) }
        return out
    }

    /// Sort key inside one build: kind as listed, then subject ids in the contract's order.
    var sortKey: [String] {
        [String(1000 + kind.order)] + LedgerEntry.subjectKeys.map { subject[$0] ?? "" } + [field ?? ""]
    }
}
