/// The scored province: one result per official, in the province's order,
/// with the rankings and priors every later stage reads (never recomputes).
public struct Scoreboard: Sendable {
    public var asOf: Day
    public var results: [OfficialResult]
    public var tally: FeedbackTally
    public var priors: RatingPriors
    public var rankings: Rankings
    /// Warnings from scoring itself (the excellence quota).
    public var diagnostics: [Diagnostic]
}
