/// `training_ratio`: share of staff trained.
struct TrainingRatio: Metric {
    static let name = "training_ratio"
    static let parameterKeys: [String] = []
    static let formula = LocalizedText("Điểm = 100 × min(1, số cán bộ được đào tạo / tổng số cán bộ).",
                                       "Score = 100 × min(1, staff trained / staff count).")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let o = ctx.official
        let facts: [Explanation.Fact] = [
            .init("staff_trained", "Cán bộ được đào tạo", "Staff trained", o.staffTrained.map { .integer($0) } ?? .none),
            .init("staff_count", "Tổng số cán bộ", "Staff count", o.staffCount.map { .integer($0) } ?? .none),
        ]
        guard let trained = o.staffTrained, let count = o.staffCount, count > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula,
                notApplicable: LocalizedText("Thiếu số liệu cán bộ hoặc đào tạo", "Staff or training figures missing"), facts: facts))
        }
        return MetricValue(attainment: percent(min(.one, Rational(trained, count))),
                           explanation: Explanation(formula: Self.formula, facts: facts))
    }
}
