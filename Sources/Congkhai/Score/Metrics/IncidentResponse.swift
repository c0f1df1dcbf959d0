/// `incident_response`: how fast crises were met and how they ended.
struct IncidentResponse: Metric {
    static let name = "incident_response"
    static let parameterKeys: [String] = []
    static let formula = LocalizedText(
        "Mỗi sự cố trong kỳ: phản ứng r = 1 nếu số giờ phản ứng ≤ mục tiêu, ngược lại = mục tiêu/số giờ (0 nếu chưa phản ứng); kết quả o = đã giải quyết 1, một phần 0,5, chưa giải quyết 0. Điểm sự cố = (r + o)/2, hoặc r nếu đang diễn ra. Điểm = 100 × trung bình.",
        "Each incident in the period: response r = 1 if response hours ≤ target, else target/hours (0 if never responded); outcome o = resolved 1, partial 0.5, unresolved 0. Incident score = (r + o)/2, or r while ongoing. Score = 100 × the mean.")

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
                                   note: LocalizedText("Ngoài kỳ đánh giá", "Outside the period"), facts: []))
                continue
            }
            var facts: [Explanation.Fact] = [.init("target_hours", "Mục tiêu (giờ)", "Target (hours)", .number(inc.targetResponseHours))]
            var r = Rational.zero
            if let responded = inc.responded, responded.day <= D {
                let hours = responded.hours(since: inc.occurred)
                r = hours <= inc.targetResponseHours ? .one : inc.targetResponseHours / hours
                facts.append(.init("response_hours", "Số giờ phản ứng", "Response hours", .number(hours)))
            } else {
                facts.append(.init("response_hours", "Số giờ phản ứng", "Response hours", .none))
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
                .init("r", "Phản ứng r", "Response r", .number(r)),
                .init("outcome", "Kết quả", "Outcome", .localized(IncidentResponse.outcomeNames[outcome] ?? LocalizedText(outcome.rawValue, outcome.rawValue))),
                .init("score", "Điểm sự cố", "Incident score", .number(score)),
            ]
            sum += score
            n += 1
            items.append(.init(id: inc.id, title: inc.title, counted: true, facts: facts))
        }
        let facts: [Explanation.Fact] = [.init("incidents", "Số sự cố", "Incidents", .integer(n))]
        guard n > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(formula: Self.formula,
                                     notApplicable: LocalizedText("Không có sự cố nào trong kỳ", "No incident in the period"),
                                     facts: facts, items: items))
        }
        return MetricValue(attainment: percent(sum / n), explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }

    static let outcomeNames: [Incident.Outcome: LocalizedText] = [
        .resolved: LocalizedText("đã giải quyết", "resolved"), .partial: LocalizedText("giải quyết một phần", "partly resolved"),
        .unresolved: LocalizedText("chưa giải quyết", "unresolved"), .ongoing: LocalizedText("đang diễn ra", "ongoing"),
    ]
}
