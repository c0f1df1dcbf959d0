/// The "data dated after D is ignored" rules for a commitment, in one place:
/// scoring, planning, pages and open data must agree on them.
extension Commitment {
    /// A commitment published after D is ignored entirely.
    public func isPublished(asOf d: Day) -> Bool {
        publishedOn.map { $0 <= d } ?? true
    }

    /// Done means status done and completed on or before D.
    public func isDone(asOf d: Day) -> Bool {
        guard status == .done, let on = completedOn else { return false }
        return on <= d
    }

    /// Not done, not withdrawn, deadline before D.
    public func isOverdue(asOf d: Day) -> Bool {
        !isDone(asOf: d) && status != .withdrawn && deadline < d
    }

    /// Not done, not withdrawn, not overdue, and due within `days` days of D
    /// (the "sắp đến hạn" index).
    public func isDueSoon(asOf d: Day, within days: Int = 30) -> Bool {
        !isDone(asOf: d) && status != .withdrawn && !isOverdue(asOf: d) && deadline - d <= days
    }

    /// Latest update dated on or before D (ties: last in the list), optionally only those with progress.
    /// Found by index and copied once: walking `updates` by value copied
    /// every update of every card's commitment (~0.3 % of a national page stage).
    public func latestUpdate(asOf d: Day, withProgress: Bool = false) -> Update? {
        var best: Int?
        for i in updates.indices where updates[i].on <= d && (!withProgress || updates[i].progress != nil) {
            if let b = best, updates[b].on > updates[i].on { continue }
            best = i
        }
        return best.map { updates[$0] }
    }
}
