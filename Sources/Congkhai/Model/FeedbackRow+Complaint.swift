/// When a complaint counts as resolved, on time or overdue: one definition for
/// the `complaint_resolution` and `feedback_response_time` metrics, the
/// feedback summaries and the pages (DESIGN.md, "Feedback" edge rules).
extension FeedbackRow {
    /// The resolution date if the row is resolved by D; "resolved without
    /// `resolved_on` is not resolved", nor is one resolved after D.
    public func resolution(asOf d: Day) -> Day? {
        guard status == .resolved, let on = resolvedOn, on <= d else { return nil }
        return on
    }

    /// Resolved by D on or before its legal `due` date; nil without a `due`
    /// date (such a complaint is not judged on timeliness).
    public func resolvedOnTime(asOf d: Day) -> Bool? {
        guard let due else { return nil }
        guard let on = resolution(asOf: d) else { return false }
        return on <= due
    }

    /// Still unresolved at D although its due date has passed.
    public func isOverdue(asOf d: Day) -> Bool {
        guard status != .rejected, resolution(asOf: d) == nil, let due else { return false }
        return due < d
    }
}
