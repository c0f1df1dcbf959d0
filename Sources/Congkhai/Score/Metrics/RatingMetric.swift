/// `rating`: a Bayesian mean that pulls small samples toward the province mean.
struct RatingMetric: Metric {
    static let name = "rating"
    static let parameterKeys = ["respondents", "prior_weight"]
    static let formula = Phrase("formula_rating")

    var respondents: [RespondentKind]
    var priorWeight: Rational

    init(respondents: [RespondentKind], priorWeight: Rational = 10) {
        self.respondents = respondents
        self.priorWeight = priorWeight
    }

    init?(_ p: YAMLFields) {
        var kinds: [RespondentKind] = []
        for item in p.list("respondents", required: true) ?? [] {
            guard case let .scalar(s) = item, let k = RespondentKind(rawValue: s.text) else {
                p.error(item, "respondents must list citizen, business, agency or staff")
                continue
            }
            if !kinds.contains(k) { kinds.append(k) }
        }
        let prior = p.number("prior_weight") ?? 10
        if prior.isNegative, let v = p.value("prior_weight") {
            p.error(v, "prior_weight must not be negative")
            return nil
        }
        guard !kinds.isEmpty else { return nil }
        self.init(respondents: kinds, priorWeight: prior)
    }

    var parameterLabel: String {
        "respondents: \(respondents.map(\.rawValue).joined(separator: ", ")); prior_weight: \(Number.format(priorWeight))"
    }

    func label(_ label: (String) -> String) -> String {
        label("metric_rating") + " " + respondents.map { label("respondent_" + $0.rawValue).lowercased() }.joined(separator: ", ")
    }

    var priorKinds: [RespondentKind]? { respondents }

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let prior = ctx.priors.prior(of: respondents)
        let sums = ctx.tally.ratings[ctx.officialIndex]
        let n = sums.count(of: respondents)
        let total = sums.sum(of: respondents)
        var facts: [Explanation.Fact] = [
            .init("respondents", .phrases(respondents.map { Phrase("respondent_" + $0.rawValue) })),
            .init("n", .integer(n)),
            .init("sum", .number(total)),
            .init("prior_mean", .number(prior.mean)),
            .init("prior_n", .integer(prior.count)),
            .init("prior_weight", .number(priorWeight)),
        ]
        guard n > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula, notApplicable: Phrase("na_rating"), facts: facts))
        }
        let b = (priorWeight * prior.mean + total) / (priorWeight + Rational(n))
        facts.append(.init("mean", .number(total / n)))
        facts.append(.init("adjusted_mean", .number(b)))
        return MetricValue(attainment: percent((b - 1) / 4), explanation: Explanation(formula: Self.formula, facts: facts))
    }

}
