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
        fileprivate var beforeHash: String
        /// `kind`, `new`, `old`.
        fileprivate var beforePrev: String
        /// `previous_head`, `reason`.
        fileprivate var beforeSeq: String
        /// `subject`.
        fileprivate var afterSeq: String
    }

    func members(asOf: Day) -> Members {
        var entry = self
        entry.asOf = asOf
        guard case let .object(pairs) = entry.body else { return Members(asOf: asOf, beforeHash: "", beforePrev: "", beforeSeq: "", afterSeq: "") }
        // Canonical JSON sorts keys, so runs of keys between the chained
        // members serialize to exactly what the whole object holds there.
        func run(_ inRun: (String.UTF8View) -> Bool) -> String {
            let members = pairs.filter { $0.0 != "prev" && $0.0 != "seq" && inRun($0.0.utf8) }
            // The braces cut on the UTF-8 view: `dropLast()` on the `String`
            // counted the characters of the whole object first (grapheme
            // breaking every title and name: half the cost of sealing a
            // first build's ledger of ~250,000 entries nationally).
            let object = CanonicalJSON.serialize(.object(members))
            return String(Substring(object.utf8.dropFirst().dropLast()))
        }
        func precedes(_ key: String.UTF8View, _ bound: String) -> Bool { key.lexicographicallyPrecedes(bound.utf8) }
        return Members(asOf: asOf,
                       beforeHash: run { precedes($0, "hash") },
                       beforePrev: run { !precedes($0, "hash") && precedes($0, "prev") },
                       beforeSeq: run { !precedes($0, "prev") && precedes($0, "seq") },
                       afterSeq: run { !precedes($0, "seq") })
    }

    /// Links the entry after `prev` with its members already serialized.
    mutating func seal(seq: Int, prev: String, members m: Members) {
        self.seq = seq
        asOf = m.asOf
        self.prev = prev
        // `hash` falls between the keys before it and the rest, so the hashed
        // body and the published line share both halves, serialized once.
        let after = [m.beforePrev, "\"prev\":" + CanonicalJSON.serialize(.string(prev)), m.beforeSeq,
                     "\"seq\":" + CanonicalJSON.serialize(.integer(seq)), m.afterSeq]
            .filter { !$0.isEmpty }.joined(separator: ",")
        sealedHalves = (m.beforeHash, after)
        hash = SHA256.hex(Array(LedgerEntry.object(m.beforeHash, after).utf8))
    }

    /// The two sorted halves of the sealed body, without their braces.
    private var sealedHalves: (before: String, after: String)?

    /// A JSON object from members already written, empty ones left out.
    private static func object(_ parts: String...) -> String {
        "{" + parts.filter { !$0.isEmpty }.joined(separator: ",") + "}"
    }

    /// One line of `entries.jsonl`: the canonical JSON with `hash`.
    var line: String {
        if let (before, after) = sealedHalves {
            return LedgerEntry.object(before, "\"hash\":\"\(hash)\"", after)
        }
        guard case let .object(pairs) = body else { return "" }
        return CanonicalJSON.serialize(.object(pairs + [("hash", .string(hash))]))
    }

    /// Sort key inside one build: kind as listed, then subject ids in the contract's order.
    var sortKey: [String] {
        [String(1000 + kind.order)] + LedgerEntry.subjectKeys.map { subject[$0] ?? "" } + [field ?? ""]
    }
}
