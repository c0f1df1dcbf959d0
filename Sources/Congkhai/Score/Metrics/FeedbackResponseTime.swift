/// `feedback_response_time` (rules v1.1): the share of complaints and
/// suggestions answered within `target_days` of receipt.
struct FeedbackResponseTime: Metric {
    static let name = "feedback_response_time"
    static let parameterKeys = ["target_days", "kinds"]
    static let formula = Phrase("formula_feedback_response_time")

    var window: ResponseWindow

    init(window: ResponseWindow) { self.window = window }

    init?(_ p: YAMLFields) {
        var days = 15
        if p.has("target_days") {
            guard let d = p.integer("target_days") else { return nil }
            if d < 0 {
                if let v = p.value("target_days") { p.error(v, "target_days must not be negative") }
                return nil
            }
            days = d
        }
        var kinds: [FeedbackKind] = []
        if let items = p.list("kinds") {
            for item in items {
                guard case let .scalar(s) = item, let k = FeedbackKind(rawValue: s.text) else {
                    p.error(item, "kinds must list rating, complaint or suggestion")
                    return nil
                }
                if !kinds.contains(k) { kinds.append(k) }
            }
            if kinds.isEmpty, let v = p.value("kinds") {
                p.error(v, "kinds must list at least one kind")
                return nil
            }
        } else {
            kinds = [.complaint, .suggestion]
        }
        self.init(window: ResponseWindow(targetDays: days, kinds: kinds))
    }

    var parameterLabel: String {
        "target_days: \(window.targetDays); kinds: \(window.kinds.map(\.rawValue).joined(separator: ", "))"
    }

    var responseWindow: ResponseWindow? { window }

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let c = ctx.tally.responseCounts(window, official: ctx.officialIndex)
        let facts: [Explanation.Fact] = [
            .init("target_days", .integer(window.targetDays)),
            .init("eligible", .integer(c.eligible)),
            .init("on_time", .integer(c.onTime)),
            .init("pending", .integer(c.pending)),
            .init("rejected", .integer(c.rejected)),
        ]
        guard c.eligible > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula, notApplicable: Phrase("na_feedback_response_time"),
                facts: facts))
        }
        return MetricValue(attainment: percent(Rational(c.onTime, c.eligible)),
                           explanation: Explanation(formula: Self.formula, facts: facts))
    }
}
