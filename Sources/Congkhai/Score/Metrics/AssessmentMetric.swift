/// `assessment`: a score given by the evaluating body.
struct AssessmentMetric: Metric {
    static let name = "assessment"
    static let parameterKeys = ["key"]
    static let formula = Phrase("formula_assessment")

    var key: String

    init(key: String) { self.key = key }

    init?(_ p: YAMLFields) {
        guard let key = p.id("key", required: true, allowUnderscore: true) else { return nil }
        self.init(key: key)
    }

    var parameterLabel: String { "key: \(key)" }

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        guard let a = ctx.official.assessments[key] else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula, notApplicable: Phrase("na_assessment", ["key": key]),
                facts: [.init("key", .text(key))]))
        }
        var facts: [Explanation.Fact] = [
            .init("key", .text(key)),
            .init("score", .number(a.score)),
            .init("max", .number(a.max)),
            .init("by", .text(a.by)),
        ]
        if let on = a.on { facts.append(.init("on", .day(on))) }
        if let on = a.on, on > ctx.asOf {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula,
                notApplicable: Phrase("na_assessment_after"), facts: facts))
        }
        guard a.max > .zero else { return MetricValue(attainment: nil, explanation: Explanation(formula: Self.formula, facts: facts)) }
        return MetricValue(attainment: percent(a.score / a.max).clamped(.zero, .hundred),
                           explanation: Explanation(formula: Self.formula, facts: facts))
    }
}
