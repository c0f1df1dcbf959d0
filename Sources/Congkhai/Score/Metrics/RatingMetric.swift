/// `rating`: a Bayesian mean that pulls small samples toward the province mean.
struct RatingMetric: Metric {
    static let name = "rating"
    static let parameterKeys = ["respondents", "prior_weight"]
    static let formula = LocalizedText(
        "Điểm trung bình có điều chỉnh b = (C·m + Σ điểm)/(C + n), với n đánh giá (mỗi người chỉ tính lần gần nhất), m là điểm trung bình toàn tỉnh, C là trọng số tiên nghiệm (số đánh giá \"giả định\" ở mức trung bình tỉnh, để vài đánh giá lẻ không quyết định điểm). Điểm = (b − 1)/4 × 100.",
        "Adjusted mean b = (C·m + Σ ratings)/(C + n), over n ratings (each respondent's latest only), m the province-wide mean, C the prior weight (that many \"virtual\" ratings at the province mean, so a handful of ratings cannot decide the score). Score = (b − 1)/4 × 100.")

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
        let names = respondents.map { RatingMetric.respondentNames[$0] ?? LocalizedText($0.rawValue, $0.rawValue) }
        var facts: [Explanation.Fact] = [
            .init("respondents", "Đối tượng", "Respondents",
                  .localized(LocalizedText(names.map(\.vi).joined(separator: ", "), names.map(\.en).joined(separator: ", ")))),
            .init("n", "Số đánh giá n", "Ratings n", .integer(n)),
            .init("sum", "Tổng điểm Σ", "Sum of ratings Σ", .number(total)),
            .init("prior_mean", "Trung bình toàn tỉnh m", "Province mean m", .number(prior.mean)),
            .init("prior_n", "Số đánh giá toàn tỉnh", "Province ratings", .integer(prior.count)),
            .init("prior_weight", "Trọng số tiên nghiệm C", "Prior weight C", .number(priorWeight)),
        ]
        guard n > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula, notApplicable: LocalizedText("Chưa có đánh giá nào", "No ratings yet"), facts: facts))
        }
        let b = (priorWeight * prior.mean + total) / (priorWeight + Rational(n))
        facts.append(.init("mean", "Trung bình thô", "Raw mean", .number(total / n)))
        facts.append(.init("adjusted_mean", "Trung bình có điều chỉnh b", "Adjusted mean b", .number(b)))
        return MetricValue(attainment: percent((b - 1) / 4), explanation: Explanation(formula: Self.formula, facts: facts))
    }

    static let respondentNames: [RespondentKind: LocalizedText] = [
        .citizen: LocalizedText("người dân", "citizens"), .business: LocalizedText("doanh nghiệp", "businesses"),
        .agency: LocalizedText("cơ quan phối hợp", "partner agencies"), .staff: LocalizedText("cán bộ, nhân viên", "staff"),
    ]
}
