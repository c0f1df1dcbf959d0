/// `rating`: a Bayesian mean that pulls small samples toward the province mean.
enum RatingMetric {
    static let formula = LocalizedText(
        "Điểm trung bình có điều chỉnh b = (C·m + Σ điểm)/(C + n), với n đánh giá (mỗi người chỉ tính lần gần nhất), m là điểm trung bình toàn tỉnh, C là trọng số tiên nghiệm. Điểm = (b − 1)/4 × 100.",
        "Adjusted mean b = (C·m + Σ ratings)/(C + n), over n ratings (each respondent's latest only), m the province-wide mean, C the prior weight. Score = (b − 1)/4 × 100.")

    static func evaluate(_ ctx: MetricContext, respondents: [RespondentKind], priorWeight: Double,
                         prior: (mean: Double, count: Int, sum: Double)) -> (Double?, Explanation) {
        let sums = ctx.tally.ratings[ctx.officialIndex]
        let n = sums.count(of: respondents)
        let total = sums.sum(of: respondents)
        var facts: [Explanation.Fact] = [
            .init("respondents", "Đối tượng", "Respondents", .text(respondents.map(\.rawValue).joined(separator: ", "))),
            .init("n", "Số đánh giá n", "Ratings n", .integer(n)),
            .init("sum", "Tổng điểm Σ", "Sum of ratings Σ", .number(total)),
            .init("prior_mean", "Trung bình toàn tỉnh m", "Province mean m", .number(prior.mean)),
            .init("prior_n", "Số đánh giá toàn tỉnh", "Province ratings", .integer(prior.count)),
            .init("prior_weight", "Trọng số tiên nghiệm C", "Prior weight C", .number(priorWeight)),
        ]
        guard n > 0 else {
            return (nil, Explanation(formula: formula,
                                     notApplicable: LocalizedText("Chưa có đánh giá nào", "No ratings yet"), facts: facts))
        }
        let b = (priorWeight * prior.mean + total) / (priorWeight + Double(n))
        facts.append(.init("mean", "Trung bình thô", "Raw mean", .number(total / Double(n))))
        facts.append(.init("adjusted_mean", "Trung bình có điều chỉnh b", "Adjusted mean b", .number(b)))
        return ((b - 1) / 4 * 100, Explanation(formula: formula, facts: facts))
    }
}
