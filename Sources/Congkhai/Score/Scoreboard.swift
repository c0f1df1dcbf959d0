/// The scored province: one result per official, in the province's order.
public struct Scoreboard: Sendable {
    public var asOf: Day
    public var results: [OfficialResult]
    public var tally: FeedbackTally
    /// Warnings from scoring itself (the excellence quota).
    public var diagnostics: [Diagnostic]
}
