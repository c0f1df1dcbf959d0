/// `incident_response`: how fast crises were met and how they ended.
struct IncidentResponse: Metric {
    static let name = "incident_response"
    static let parameterKeys: [String] = []
    static let formula = Phrase("formula_incident_response")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let D = ctx.asOf, S = ctx.period.start
        var items: [Explanation.Item] = []
        var sum = Rational.zero
        var n = 0
        for inc in ctx.official.incidents {
            let day = inc.occurred.day
            guard day >= S, day <= D else {
                items.append(.init(id: inc.id, title: inc.title, counted: false,
                                   note: Phrase("note_outside_period"), facts: []))
                continue
            }
            var facts: [Explanation.Fact] = [.init("target_hours", .number(inc.targetResponseHours))]
            var r = Rational.zero
            if let responded = inc.responded, responded.day <= D {
                let hours = responded.hours(since: inc.occurred)
                r = hours <= inc.targetResponseHours ? .one : inc.targetResponseHours / hours
                facts.append(.init("response_hours", .number(hours)))
            } else {
                facts.append(.init("response_hours", .none))
            }
            var outcome = inc.outcome
            if let resolved = inc.resolved, resolved.day > D { outcome = .ongoing }
            let score: Rational
            switch outcome {
            case .ongoing: score = r
            case .resolved: score = (r + 1) / 2
            case .partial: score = (r + Rational(1, 2)) / 2
            case .unresolved: score = r / 2
            }
            facts += [
                .init("r", .number(r)),
                .init("outcome", .phrase(Phrase("outcome_" + outcome.rawValue))),
                .init("score", .number(score)),
            ]
            sum += score
            n += 1
            items.append(.init(id: inc.id, title: inc.title, counted: true, facts: facts))
        }
        let facts: [Explanation.Fact] = [.init("incidents", .integer(n))]
        guard n > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(formula: Self.formula,
                                     notApplicable: Phrase("na_incident_response"),
                                     facts: facts, items: items))
        }
        return MetricValue(attainment: percent(sum / n), explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }

}
