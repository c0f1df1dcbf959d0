/// `initiative_impact`: process improvements, credited only when sustained.
struct InitiativeImpact: Metric {
    static let name = "initiative_impact"
    static let parameterKeys: [String] = []
    static let formula = Phrase("formula_initiative_impact")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let from = ctx.period.start.adding(days: -365), D = ctx.asOf
        var items: [Explanation.Item] = []
        var total = Rational.zero
        var n = 0
        for i in ctx.official.initiatives {
            guard i.adoptedOn >= from, i.adoptedOn <= D else {
                items.append(.init(id: i.id, title: i.title, counted: false,
                                   note: Phrase("note_outside_window"), facts: []))
                continue
            }
            var rho = Rational.zero
            var facts: [Explanation.Fact] = []
            let pairs: [(String, Rational?, Rational?)] = [
                ("days", i.baseline.days, i.current.days), ("cost_vnd", i.baseline.costVND, i.current.costVND),
                ("steps", i.baseline.steps, i.current.steps),
            ]
            for (key, b, c) in pairs {
                guard let b, let c, !b.isZero else { continue }
                let r = ((b - c) / b).clamped(.zero, .one)
                rho = max(rho, r)
                facts.append(.init("reduction_" + key, .number(r)))
            }
            let points = 50 * min(.one, rho * 2)
            let factor: Rational = i.sustained.map { $0 ? .one : .zero } ?? Rational(1, 2)
            total += points * factor
            n += 1
            facts += [
                .init("rho", .number(rho)),
                .init("points", .number(points)),
                .init("sustained", .phrase(Phrase(i.sustained.map { $0 ? "sustained_true" : "sustained_false" } ?? "sustained_unknown"))),
                .init("factor", .number(factor)),
            ]
            items.append(.init(id: i.id, title: i.title, counted: true, facts: facts))
        }
        let facts: [Explanation.Fact] = [
            .init("initiatives", .integer(n)),
            .init("window_start", .day(from)),
            .init("sum", .number(total)),
        ]
        return MetricValue(attainment: min(Rational.hundred, total), explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }
}
