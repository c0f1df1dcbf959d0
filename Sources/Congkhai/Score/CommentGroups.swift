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
    /// comments in order, so the province's and the localities' lists are
    /// made on one core and the officials', a range of officials each, on
    /// the others. One at a time, the officials' lists — one read at random
    /// per comment, a cache miss each — were ~3.7 s on one core at the end
    /// of a national ingest, with the other core idle.
    public mutating func add(contentsOf all: [PublishedComment]) {
        let parts = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let n = officials.count
        let bounds = (0...parts).map { $0 * n / parts }
        let ranges = Slots<[[Group]]>(count: parts)
        let shared = Slots<(province: [Group], localities: [[Group]])>(count: 1)
        let (officials, localities, province) = (self.officials, self.localities, self.province)
        DispatchQueue.concurrentPerform(iterations: parts + 1) { task in
            if task == parts {
                var p = province, l = localities
                for c in all {
                    var text: String?
                    CommentGroups.add(c, text: &text, to: &p)
                    if c.locality >= 0, c.locality < l.count { CommentGroups.add(c, text: &text, to: &l[c.locality]) }
                }
                shared.set(0, (p, l))
                return
            }
            let range = bounds[task]..<bounds[task + 1]
            guard !range.isEmpty else { ranges.set(task, []); return }
            var mine = Array(officials[range])
            for c in all {
                guard let o = c.official, range.contains(o) else { continue }
                var text: String?
                CommentGroups.add(c, text: &text, to: &mine[o - range.lowerBound])
            }
            ranges.set(task, mine)
        }
        if let (p, l) = shared.value(0) { (self.province, self.localities) = (p, l) }
        for task in 0..<parts {
            if let mine = ranges.value(task) { self.officials.replaceSubrange(bounds[task]..<bounds[task + 1], with: mine) }
        }
        count += all.count
    }

    private static func add(_ c: PublishedComment, text: inout String?, to groups: inout [Group]) {
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
            groups.append(Group(comment: c, keptText: nil, count: 1))
            return
        }
        if text == nil { text = c.text }
        groups.append(Group(comment: c, keptText: text ?? "", count: 1))
    }
}
