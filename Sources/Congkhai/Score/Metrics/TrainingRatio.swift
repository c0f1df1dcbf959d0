/// `training_ratio`: share of staff trained.
struct TrainingRatio: Metric {
    static let name = "training_ratio"
    static let parameterKeys: [String] = []
    static let formula = Phrase("formula_training_ratio")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let o = ctx.official
        let facts: [Explanation.Fact] = [
            .init("staff_trained", o.staffTrained.map { .integer($0) } ?? .none),
            .init("staff_count", o.staffCount.map { .integer($0) } ?? .none),
        ]
        guard let trained = o.staffTrained, let count = o.staffCount, count > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula,
                notApplicable: Phrase("na_training_ratio"), facts: facts))
        }
        return MetricValue(attainment: percent(min(.one, Rational(trained, count))),
                           explanation: Explanation(formula: Self.formula, facts: facts))
    }
}
