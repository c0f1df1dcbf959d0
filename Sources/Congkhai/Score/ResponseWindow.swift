/// The parameters of a `feedback_response_time` measure: what the feedback
/// tally counts for it while rows stream past.
public struct ResponseWindow: Sendable, Hashable {
    public var targetDays: Int
    public var kinds: [FeedbackKind]

    /// Counts one in-window row naming an official (DESIGN.md, rules v1.1),
    /// read where it lies (the tally's thread, `FeedbackAccumulator`).
    func count(_ row: UnsafePointer<FeedbackRow>, asOf d: Day, into c: inout ResponseCounts) {
        guard kinds.contains(row.pointee.kind) else { return }
        if row.pointee.status == .rejected { c.rejected += 1; return }
        let resolvedBy = row.pointee.resolvedOn.map { $0 <= d } ?? false
        guard row.pointee.date.adding(days: targetDays) <= d || resolvedBy else { c.pending += 1; return }
        c.eligible += 1
        if let on = row.resolution(asOf: d), on - row.pointee.date <= targetDays { c.onTime += 1 }
    }
}

/// One official's counts for one `ResponseWindow`.
public struct ResponseCounts: Sendable {
    public var eligible = 0
    public var onTime = 0
    public var pending = 0
    public var rejected = 0
}
