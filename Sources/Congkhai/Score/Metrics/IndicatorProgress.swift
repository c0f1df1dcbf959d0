/// `indicator_progress`: movement of the locality's social-impact indicators toward target.
struct IndicatorProgress: Metric {
    static let name = "indicator_progress"
    static let parameterKeys: [String] = []
    static let formula = Phrase("formula_indicator_progress")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        var items: [Explanation.Item] = []
        var sum = Rational.zero
        var n = 0
        for ind in ctx.locality.indicators {
            guard let actual = ind.actual else {
                items.append(.init(id: ind.id, title: ind.name, counted: false,
                                   note: Phrase("note_no_actual"), facts: []))
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
                .init("baseline", .number(ind.baseline)),
                .init("target", .number(ind.target)),
                .init("actual", .number(actual)),
                .init("direction", .phrase(Phrase("direction_" + ind.direction.rawValue))),
                .init("p", .number(p)),
            ]))
        }
        let facts: [Explanation.Fact] = [.init("indicators", .integer(n))]
        guard n > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula,
                notApplicable: Phrase("na_indicator_progress"),
                facts: facts, items: items))
        }
        return MetricValue(attainment: percent(sum / n), explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }
}
