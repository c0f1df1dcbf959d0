import Foundation

/// Published comments as a feedback block shows them, one list per scope —
/// each official, each locality, the province (decision 95).
///
/// The rule: comments newest first (date, then id); identical texts of the
/// same kind and category are one entry with a count, placed where its
/// newest comment is; only the first `kept` entries are shown. Built once,
/// in the comments' order, when the tally is finished, so the pages hold a
/// few entries per scope instead of every published comment of the country
/// (80 bytes each from the ingest to the last page: ~385 MB on a 2.6 GB
/// tree where three rows in ten carry one) and no page walks the province's
/// comments again.
public struct CommentGroups: Sendable {
    /// One entry: the group's newest comment, its text, and how many
    /// comments of the scope have that kind, category and text.
    public struct Group: Sendable {
        public let comment: PublishedComment
        /// The text when short (nearly all are); a long one — a field may
        /// hold up to 1 MiB — is read back from the spool when asked for,
        /// so ten a scope never hold megabytes each.
        let keptText: String?
        public internal(set) var count: Int

        public var text: String { keptText ?? comment.text }
    }

    /// Texts up to this many bytes are kept with their group.
    static let keptTextBytes = 8_192

    /// Entries a scope keeps: all a block shows.
    public static let kept = 10

    public private(set) var officials: [[Group]]
    public private(set) var localities: [[Group]]
    public private(set) var province: [Group] = []
    /// Published comments counted, over all scopes once each.
    public private(set) var count = 0

    public init(officials: Int, localities: Int) {
        self.officials = Array(repeating: [], count: officials)
        self.localities = Array(repeating: [], count: localities)
    }

    /// Groups as a finished build chose them (the feedback cache's copy).
    init(officials: [[Group]], localities: [[Group]], province: [Group], count: Int) {
        (self.officials, self.localities, self.province, self.count) = (officials, localities, province, count)
    }

    /// The next comment in the comments' order (newest first).
    public mutating func add(_ c: PublishedComment) {
        count += 1
        // Read from its spool at most once, and only when it starts a group
        // or its hash and length match one.
        var text: String?
        CommentGroups.add(c, text: &text, to: &province)
        if c.locality >= 0, c.locality < localities.count { CommentGroups.add(c, text: &text, to: &localities[c.locality]) }
        if let o = c.official, o < officials.count { CommentGroups.add(c, text: &text, to: &officials[o]) }
    }

    /// Every comment of `all`, in its order (newest first), exactly as
    /// `add` one at a time: each scope's list depends only on that scope's
    /// comments in order, so the province's list is made by one task and
    /// the officials' and localities' lists, a range of each per task, by
    /// the others, on every core. One at a time, the officials' lists — one
    /// read at random per comment, a cache miss each — were ~3.7 s on one
    /// core at the end of a national ingest; with the province's and every
    /// locality's list in one task, that task ran alone for its last
    /// ~0.8 s (`perf`, national tree).
    public mutating func add(contentsOf all: [PublishedComment]) {
        add(count: all.count) { all[$0] }
    }

    /// The comments of `loaded` in its records' order, exactly as
    /// `add(contentsOf:)` with each made whole: only those a scope keeps
    /// are (decision 125).
    mutating func add(contentsOf loaded: LoadedComments) {
        add(count: loaded.count) { loaded.item($0) }
    }

    private mutating func add<C: GroupedComment>(count total: Int, _ comment: @escaping @Sendable (Int) -> C) {
        let parts = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let (nOfficials, nLocalities) = (officials.count, localities.count)
        let officialBounds = (0...parts).map { $0 * nOfficials / parts }
        let localityBounds = (0...parts).map { $0 * nLocalities / parts }
        let ranges = Slots<(officials: [[Group]], localities: [[Group]])>(count: parts)
        let shared = Slots<[Group]>(count: 1)
        let (officials, localities, province) = (self.officials, self.localities, self.province)
        // Task 0 is the province's (one short list, every comment); the
        // others take a range of officials and a range of localities each.
        DispatchQueue.concurrentPerform(iterations: parts + 1) { task in
            if task == 0 {
                var p = province
                for i in 0..<total {
                    let c = comment(i)
                    var text: String?
                    CommentGroups.add(c, text: &text, to: &p)
                }
                shared.set(0, p)
                return
            }
            let part = task - 1
            let mineO = officialBounds[part]..<officialBounds[part + 1]
            let mineL = localityBounds[part]..<localityBounds[part + 1]
            var o = Array(officials[mineO]), l = Array(localities[mineL])
            if !mineO.isEmpty || !mineL.isEmpty {
                for i in 0..<total {
                    let c = comment(i)
                    // A comment's text is read at most once per task, shared by its two scopes.
                    var text: String?
                    if c.locality >= 0, mineL.contains(c.locality) {
                        CommentGroups.add(c, text: &text, to: &l[c.locality - mineL.lowerBound])
                    }
                    if let official = c.official, mineO.contains(official) {
                        CommentGroups.add(c, text: &text, to: &o[official - mineO.lowerBound])
                    }
                }
            }
            ranges.set(part, (o, l))
        }
        if let p = shared.value(0) { self.province = p }
        for part in 0..<parts {
            guard let (o, l) = ranges.value(part) else { continue }
            self.officials.replaceSubrange(officialBounds[part]..<officialBounds[part + 1], with: o)
            self.localities.replaceSubrange(localityBounds[part]..<localityBounds[part + 1], with: l)
        }
        count += total
    }

    private static func add<C: GroupedComment>(_ c: C, text: inout String?, to groups: inout [Group]) {
        for g in groups.indices {
            let other = groups[g].comment
            guard other.textHash == c.textHash, other.textLength == c.textLength, other.kind == c.kind,
                  other.category == c.category else { continue }
            if text == nil { text = c.text }
            if groups[g].text == text {
                groups[g].count += 1
                return
            }
        }
        guard groups.count < kept else { return }
        if c.textLength > keptTextBytes {
            groups.append(Group(comment: c.kept(), keptText: nil, count: 1))
            return
        }
        if text == nil { text = c.text }
        groups.append(Group(comment: c.kept(), keptText: text ?? "", count: 1))
    }
}
