/// `indicator_progress`: movement of the locality's social-impact indicators toward target.
struct IndicatorProgress: Metric {
    static let name = "indicator_progress"
    static let parameterKeys: [String] = []
    static let formula = LocalizedText(
        "Mỗi chỉ số của địa phương: p = (thực tế − cơ sở)/(mục tiêu − cơ sở), giới hạn trong [0, 1]. Điểm = 100 × trung bình p.",
        "Each indicator of the locality: p = (actual − baseline)/(target − baseline), clamped to [0, 1]. Score = 100 × the mean of p.")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        var items: [Explanation.Item] = []
        var sum = Rational.zero
        var n = 0
        for ind in ctx.locality.indicators {
            guard let actual = ind.actual else {
                items.append(.init(id: ind.id, title: ind.name, counted: false,
                                   note: LocalizedText("Chưa có số liệu thực tế", "No actual value yet"), facts: []))
                continue
            }
            let p: Rational
            if ind.target == ind.baseline {
                let good = ind.direction == .higher ? actual >= ind.baseline : actual <= ind.baseline
                p = good ? .one : .zero
            } else {
                p = ((actual - ind.baseline) / (ind.target - ind.baseline)).clamped(.zero, .one)
            }
            sum += p
            n += 1
            items.append(.init(id: ind.id, title: ind.name, counted: true, facts: [
                .init("baseline", "Cơ sở", "Baseline", .number(ind.baseline)),
                .init("target", "Mục tiêu", "Target", .number(ind.target)),
                .init("actual", "Thực tế", "Actual", .number(actual)),
                .init("direction", "Tốt hơn khi", "Better when", .localized(ind.direction == .higher
                    ? LocalizedText("cao hơn", "higher") : LocalizedText("thấp hơn", "lower"))),
                .init("p", "Tiến độ p", "Progress p", .number(p)),
            ]))
        }
        let facts: [Explanation.Fact] = [.init("indicators", "Số chỉ số", "Indicators", .integer(n))]
        guard n > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula,
                notApplicable: LocalizedText("Địa phương chưa có chỉ số nào có số liệu", "The locality has no indicator with data"),
                facts: facts, items: items))
        }
        return MetricValue(attainment: percent(sum / n), explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }
}
