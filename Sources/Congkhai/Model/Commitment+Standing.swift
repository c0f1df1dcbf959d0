/// Where a commitment stands on a date, in the five words a citizen asks
/// about (decision 57): pages tally these, and the tally bar, the cards and
/// the printed notice agree because they all read this one rule.
public enum CommitmentStanding: String, Sendable, CaseIterable {
    /// Done, completed on or before its deadline.
    case doneOnTime = "done_on_time"
    /// Done, completed after its deadline.
    case doneLate = "done_late"
    /// Not done, deadline not passed (planned or in progress).
    case inProgress = "in_progress"
    /// Not done, deadline passed.
    case overdue
    case withdrawn
}

/// The numbers of a commitment reported done that disagree with "done".
public struct DoneShortfall: Sendable, Equatable {
    /// actual / target × 100 when the actual is below the target.
    public var shareOfTarget: Rational?
    /// The latest reported progress when it is below 100 %.
    public var lastProgress: Rational?

    /// For `check`'s message (diagnostics are in English).
    public var englishReason: String {
        var parts: [String] = []
        if let s = shareOfTarget { parts.append("its actual is \(Number.format(s, places: 1)) % of its target") }
        if let p = lastProgress { parts.append("its last update reports \(Number.format(p, places: 1)) % progress") }
        return parts.joined(separator: " and ")
    }
}

extension Day {
    /// Later than any content date: "every dated fact counts" (validation).
    public static let distantFuture = Day(ordinal: 2_932_896) // 9999-12-31
}

extension Commitment {
    public func standing(asOf d: Day) -> CommitmentStanding {
        if status == .withdrawn { return .withdrawn }
        if isDone(asOf: d), let on = completedOn { return on <= deadline ? .doneOnTime : .doneLate }
        return isOverdue(asOf: d) ? .overdue : .inProgress
    }

    /// Nil unless the status says done and the commitment's own numbers say
    /// otherwise: the actual below the (effective) target, or the latest
    /// progress report below 100 %.
    public func doneShortfall(target: Rational?, asOf d: Day) -> DoneShortfall? {
        guard status == .done else { return nil }
        var gap = DoneShortfall()
        if let target, target > .zero, let actual, actual < target {
            gap.shareOfTarget = actual * 100 / target
        }
        if let p = latestUpdate(asOf: d, withProgress: true)?.progress, p < 100 {
            gap.lastProgress = p
        }
        return gap.shareOfTarget == nil && gap.lastProgress == nil ? nil : gap
    }

    /// Progress to show on a bar, 0…100: the latest report, 100 when done, else nil.
    public func progress(asOf d: Day, target: Rational?) -> Rational? {
        if let p = latestUpdate(asOf: d, withProgress: true)?.progress { return min(100, max(.zero, p)) }
        if let target, target > .zero, let actual { return min(100, actual * 100 / target) }
        return isDone(asOf: d) ? 100 : nil
    }
}
