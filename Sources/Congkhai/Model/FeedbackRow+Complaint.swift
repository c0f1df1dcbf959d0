/// When a complaint counts as resolved, on time or overdue: one definition for
/// the `complaint_resolution` and `feedback_response_time` metrics, the
/// feedback summaries and the pages (DESIGN.md, "Feedback" edge rules).
///
/// Each rule is a static function of the three fields it reads, so the
/// tally's thread can apply it to a row where it lies (`UnsafePointer`):
/// a method called on `pointee` copies the whole row first, retaining and
/// releasing its strings.
extension FeedbackRow {
    /// The resolution date if the row is resolved by D; "resolved without
    /// `resolved_on` is not resolved", nor is one resolved after D.
    public func resolution(asOf d: Day) -> Day? {
        FeedbackRow.resolution(status: status, resolvedOn: resolvedOn, asOf: d)
    }

    /// Resolved by D on or before its legal `due` date; nil without a `due`
    /// date (such a complaint is not judged on timeliness).
    public func resolvedOnTime(asOf d: Day) -> Bool? {
        FeedbackRow.resolvedOnTime(status: status, resolvedOn: resolvedOn, due: due, asOf: d)
    }

    /// Still unresolved at D although its due date has passed.
    public func isOverdue(asOf d: Day) -> Bool {
        FeedbackRow.isOverdue(status: status, resolvedOn: resolvedOn, due: due, asOf: d)
    }

    static func resolution(status: ComplaintStatus, resolvedOn: Day?, asOf d: Day) -> Day? {
        guard status == .resolved, let on = resolvedOn, on <= d else { return nil }
        return on
    }

    static func resolvedOnTime(status: ComplaintStatus, resolvedOn: Day?, due: Day?, asOf d: Day) -> Bool? {
        guard let due else { return nil }
        guard let on = resolution(status: status, resolvedOn: resolvedOn, asOf: d) else { return false }
        return on <= due
    }

    static func isOverdue(status: ComplaintStatus, resolvedOn: Day?, due: Day?, asOf d: Day) -> Bool {
        guard status != .rejected, resolution(status: status, resolvedOn: resolvedOn, asOf: d) == nil, let due else { return false }
        return due < d
    }
}

extension UnsafePointer where Pointee == FeedbackRow {
    /// `FeedbackRow.resolution(asOf:)` of the row pointed to, without copying it.
    func resolution(asOf d: Day) -> Day? {
        FeedbackRow.resolution(status: pointee.status, resolvedOn: pointee.resolvedOn, asOf: d)
    }

    /// `FeedbackRow.resolvedOnTime(asOf:)` of the row pointed to, without copying it.
    func resolvedOnTime(asOf d: Day) -> Bool? {
        FeedbackRow.resolvedOnTime(status: pointee.status, resolvedOn: pointee.resolvedOn, due: pointee.due, asOf: d)
    }

    /// `FeedbackRow.isOverdue(asOf:)` of the row pointed to, without copying it.
    func isOverdue(asOf d: Day) -> Bool {
        FeedbackRow.isOverdue(status: pointee.status, resolvedOn: pointee.resolvedOn, due: pointee.due, asOf: d)
    }
}
