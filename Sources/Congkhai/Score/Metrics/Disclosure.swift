import Foundation

/// `disclosure`: are commitments kept fresh, evidenced and measurable in public?
struct Disclosure: Metric {
    static let name = "disclosure"
    static let parameterKeys: [String] = []
    static let formula = Phrase("formula_disclosure")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let D = ctx.asOf
        let freshFrom = D.adding(days: -30)
        var items: [Explanation.Item] = []
        var sum = Rational.zero
        var n = 0
        for c in ctx.official.commitments where ctx.isVisible(c) && c.status != .withdrawn {
            let done = ctx.isDone(c)
            let latest = ctx.latestUpdate(c, withProgress: false)
            let fresh = done || (latest.map { $0.on >= freshFrom } ?? false)
                || (c.publishedOn.map { $0 >= freshFrom && $0 <= D } ?? false)
            let evidenced = !done || c.updates.contains { $0.on <= D && $0.evidence != nil }
            let measurable = ctx.effectiveTarget(c) != nil
                || !Whitespace.isBlank(c.acceptance, newlines: true)
            let score = Rational((fresh ? 1 : 0) + (evidenced ? 1 : 0) + (measurable ? 1 : 0), 3)
            sum += score
            n += 1
            var facts: [Explanation.Fact] = [
                .init("fresh", .integer(fresh ? 1 : 0)),
                .init("evidenced", .integer(evidenced ? 1 : 0)),
                .init("measurable", .integer(measurable ? 1 : 0)),
            ]
            if let latest { facts.append(.init("latest_update", .day(latest.on))) }
            items.append(.init(id: c.id, title: c.title, counted: true, facts: facts))
        }
        let facts: [Explanation.Fact] = [
            .init("commitments", .integer(n)),
            .init("fresh_since", .day(freshFrom)),
            .init("sum", .number(sum)),
        ]
        guard n > 0 else {
            return MetricValue(attainment: .zero, explanation: Explanation(formula: Self.formula, facts: facts, items: items))
        }
        return MetricValue(attainment: percent(sum / n), explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }
}
