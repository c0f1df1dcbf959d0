/// `complaint_resolution`: complaints resolved by their legal deadline.
struct ComplaintResolution: Metric {
    static let name = "complaint_resolution"
    static let parameterKeys: [String] = []
    static let formula = Phrase("formula_complaint_resolution")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let c = ctx.tally.complaints[ctx.officialIndex]
        let facts: [Explanation.Fact] = [
            .init("counted", .integer(c.counted)),
            .init("on_time", .integer(c.resolvedOnTime)),
            .init("late", .integer(c.resolvedLate)),
            .init("unresolved", .integer(c.unresolved)),
            .init("rejected", .integer(c.rejected)),
            .init("not_yet_due", .integer(c.notYetDue)),
            .init("no_due", .integer(c.noDue)),
        ]
        guard c.counted > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula, notApplicable: Phrase("na_complaint_resolution"), facts: facts))
        }
        let points = Rational(c.resolvedOnTime) + Rational(c.resolvedLate, 2)
        return MetricValue(attainment: percent(points / c.counted), explanation: Explanation(formula: Self.formula, facts: facts))
    }
}
