/// `assessment`: a score given by the evaluating body.
struct AssessmentMetric: Metric {
    static let name = "assessment"
    static let parameterKeys = ["key"]
    static let formula = LocalizedText("Điểm = 100 × điểm đánh giá / điểm tối đa.", "Score = 100 × assessed score / maximum.")

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
                formula: Self.formula, notApplicable: LocalizedText("Chưa có đánh giá \"\(key)\"", "No \"\(key)\" assessment"),
                facts: [.init("key", "Loại", "Key", .text(key))]))
        }
        var facts: [Explanation.Fact] = [
            .init("key", "Loại", "Key", .text(key)),
            .init("score", "Điểm", "Score", .number(a.score)),
            .init("max", "Tối đa", "Maximum", .number(a.max)),
            .init("by", "Đánh giá bởi", "Assessed by", .text(a.by)),
        ]
        if let on = a.on { facts.append(.init("on", "Ngày", "Date", .day(on))) }
        if let on = a.on, on > ctx.asOf {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula,
                notApplicable: LocalizedText("Đánh giá sau ngày tính điểm", "Assessment dated after the scoring date"), facts: facts))
        }
        guard a.max > .zero else { return MetricValue(attainment: nil, explanation: Explanation(formula: Self.formula, facts: facts)) }
        return MetricValue(attainment: percent(a.score / a.max).clamped(.zero, .hundred),
                           explanation: Explanation(formula: Self.formula, facts: facts))
    }
}
