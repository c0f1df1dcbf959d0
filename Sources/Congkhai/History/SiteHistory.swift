import Foundation

/// What pages show of the time dimension, read from the ledger (previous
/// entries and this build's) and the score history: each commitment's
/// recorded changes, commitments removed from the content (with their last
/// state), feedback rows that vanished after publication, recent changes,
/// and score series. Built once per build; render only lays it out.
public struct SiteHistory: Sendable {
    public struct Change: Sendable {
        public var asOf: Day
        public var kind: LedgerEntry.Kind
        public var subject: [String: String]
        public var field: String?
        public var old: JSONValue?
        public var new: JSONValue?
        public var count: Int?
    }

    /// `locality/official/commitment` → its newest `commitmentShown` changes, oldest first.
    public var commitmentChanges: [String: [Change]] = [:]
    /// `locality/official/commitment` → how many older changes it has beyond those (absent: none).
    public var earlierCommitmentChanges: [String: Int] = [:]
    /// `locality/official` → commitments removed and not added back: id, last state, when.
    public var removedCommitments: [String: [(id: String, state: JSONValue, on: Day)]] = [:]
    /// Locality id → published feedback rows that later vanished.
    public var removedRows: [String: Int] = [:]
    public var removedRowsTotal = 0
    /// Newest first, without `build` entries: the newest `recentShown` of the
    /// site and, beyond them, the newest `recentShown` of each locality.
    public var recent: [Change] = []
    /// Ids of the periods kept under `/ky/<id>/` (linked from the home page).
    public var frozenPeriods: [String] = []
    /// The ledger's entry files after this build, in order: `entries.jsonl`
    /// alone, or the numbered segments (decision 118).
    public var ledgerFiles = [LedgerSegments.folder + LedgerSegments.single]
    var scores = ScoreHistory()

    public static let empty = SiteHistory()

    init() {}

    init(previous: LedgerFile, pending: [LedgerEntry], asOf: Day, scores: ScoreHistory) {
        self.init(previousChanges: SiteHistory.changes(previous), pending: pending, asOf: asOf, scores: scores)
    }

    /// `previousChanges`: `SiteHistory.changes` of the published ledger.
    init(previousChanges: [Change], pending: [LedgerEntry], asOf: Day, scores: ScoreHistory) {
        self.scores = scores
        var all = previousChanges
        for e in pending {
            all.append(SiteHistory.slim(Change(asOf: asOf, kind: e.kind, subject: e.subject, field: e.field, old: e.old, new: e.new,
                                               count: e.count)))
        }
        var removed: [String: [String: (JSONValue, Day)]] = [:]
        for c in all {
            let o = (c.subject["locality"] ?? "") + "/" + (c.subject["official"] ?? "")
            switch c.kind {
            case .commitmentChanged, .updateRemoved, .updateChanged, .commitmentAdded, .commitmentRemoved:
                if let id = c.subject["commitment"] { commitmentChanges[o + "/" + id, default: []].append(c) }
                if c.kind == .commitmentRemoved, let id = c.subject["commitment"] { removed[o, default: [:]][id] = (c.old ?? .null, c.asOf) }
                if c.kind == .commitmentAdded, let id = c.subject["commitment"] { removed[o]?[id] = nil }
            case .officialAdded:
                removed[o] = nil
            case .feedbackRowRemoved:
                removedRowsTotal += 1
                if let l = c.subject["locality"] { removedRows[l, default: 0] += 1 }
            case .feedbackFileRemoved:
                removedRowsTotal += c.count ?? 0
            default:
                break
            }
        }
        for (o, byID) in removed {
            removedCommitments[o] = byID.map { (id: $0.key, state: $0.value.0, on: $0.value.1) }
                .sorted { UTF8Order.precedes($0.id, $1.id) }
        }
        // A commitment whose only change is its addition shows no history
        // (`SiteRenderer.commitmentHistory`): a first national build adds
        // ~275,000 and held each under its key (~55 MB) for nothing.
        commitmentChanges = commitmentChanges.filter { !($0.value.count == 1 && $0.value[0].kind == .commitmentAdded) }
        // A card lists a commitment's newest changes only: one edited every
        // night for a year (its progress figure, say) would carry 365 lines,
        // ~55 KB, and its official's page would outgrow a phone in a year.
        // The ledger keeps them all (`data/ledger/`).
        for (key, changes) in commitmentChanges where changes.count > SiteHistory.commitmentShown {
            commitmentChanges[key] = Array(changes.suffix(SiteHistory.commitmentShown))
            earlierCommitmentChanges[key] = changes.count - SiteHistory.commitmentShown
        }
        // Pages and feeds show the newest `recentShown` changes of the site and
        // of each locality; the rest of the ledger's history (a year of nightly
        // builds is millions of changes) is not kept for them.
        var perLocality: [String: Int] = [:]
        var kept: [Change] = []
        for c in all.reversed() where c.kind != .build && c.kind != .ledgerStarted {
            var shown = kept.count < SiteHistory.recentShown
            if let l = c.subject["locality"] {
                let n = perLocality[l, default: 0]
                if n < SiteHistory.recentShown { shown = true }
                perLocality[l] = n + 1
            }
            if shown { kept.append(c) }
        }
        recent = kept
    }

    /// Changes a changes page or feed lists at most (the site's, or one locality's).
    public static let recentShown = 200
    /// Changes one commitment's card lists at most, the newest.
    public static let commitmentShown = 12

    /// The published ledger's changes, in order, parsed a batch at a time on
    /// every core (each build reads the whole ledger back: ~7,000 entries
    /// for a province's first builds, ~240,000 for a country's). Builds and
    /// the chain's start are no change a page shows, and are not parsed;
    /// nor are the entries whose changes the last build found in the same
    /// bytes (`LedgerFile.knownChanges`, decision 112).
    static func changes(_ previous: LedgerFile) -> [Change] {
        var all: [Change] = [], start = 0
        if let known = previous.knownChanges, let taken = known.take() {
            all = taken
            start = known.entries
        }
        let batch = 8192
        for first in stride(from: start, to: previous.entries.count, by: batch) {
            let part = previous.entries[first..<min(previous.entries.count, first + batch)]
            guard let (bytes, base) = previous.lines(part) else { continue }
            let slots = Slots<Change>(count: part.count)
            DispatchQueue.concurrentPerform(iterations: part.count) { i in
                let stored = part[part.startIndex + i]
                guard stored.kind != LedgerEntry.Kind.build.rawValue, stored.kind != LedgerEntry.Kind.ledgerStarted.rawValue,
                      let v = CanonicalJSON.parse(Array(bytes[(stored.offset - base)..<(stored.offset - base + stored.length)])),
                      let c = SiteHistory.change(v) else { return }
                slots.set(i, c)
            }
            all.append(contentsOf: slots.values)
        }
        return all
    }

    static func change(_ v: JSONValue) -> Change? {
        guard let kind = v["kind"]?.stringValue.flatMap(LedgerEntry.Kind.init(rawValue:)),
              let asOf = v["as_of"]?.stringValue.flatMap(Day.init(iso:)) else { return nil }
        var subject: [String: String] = [:]
        if case let .object(pairs)? = v["subject"] {
            for (k, value) in pairs { if let s = value.stringValue { subject[k] = s } }
        }
        return slim(Change(asOf: asOf, kind: kind, subject: subject, field: v["field"]?.stringValue, old: v["old"], new: v["new"],
                           count: v["count"]?.intValue))
    }

    /// A change with only the values pages show (`ChangeText`): an added
    /// commitment's title, not its whole state; nothing for kinds whose
    /// sentence names no value. A first national build records 275,000
    /// added commitments, and every later build reads them back from the
    /// ledger: whole states were ~300 MB held through the page stage.
    static func slim(_ c: Change) -> Change {
        var c = c
        switch c.kind {
        case .commitmentChanged, .updateChanged, .updateRemoved:
            break
        case .commitmentRemoved:
            c.new = nil  // the last state (`old`) is shown in full
        case .commitmentAdded:
            c.old = nil
            if case let .object(pairs)? = c.new { c.new = .object(pairs.filter { $0.0 == "title" }) }
        default:
            c.old = nil
            c.new = nil
        }
        return c
    }
}
