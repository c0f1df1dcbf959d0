import Foundation

/// `disclosure`: are commitments kept fresh, evidenced and measurable in public?
struct Disclosure: Metric {
    static let name = "disclosure"
    static let parameterKeys: [String] = []
    static let formula = LocalizedText(
        "Với mỗi cam kết (trừ cam kết đã rút): cập nhật (đã xong, hoặc có cập nhật/công bố trong 30 ngày), có minh chứng (chưa xong, hoặc đã xong và có đường dẫn minh chứng), đo lường được (có chỉ tiêu hoặc tiêu chí nghiệm thu); mỗi ý 1/3. Điểm = 100 × trung bình.",
        "For each commitment not withdrawn: fresh (done, or updated/published within 30 days), evidenced (not done, or done with an evidence link), measurable (a target or an acceptance criterion); one third each. Score = 100 × the mean.")

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
                || !c.acceptance.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            let score = Rational((fresh ? 1 : 0) + (evidenced ? 1 : 0) + (measurable ? 1 : 0), 3)
            sum += score
            n += 1
            var facts: [Explanation.Fact] = [
                .init("fresh", "Cập nhật", "Fresh", .integer(fresh ? 1 : 0)),
                .init("evidenced", "Có minh chứng", "Evidenced", .integer(evidenced ? 1 : 0)),
                .init("measurable", "Đo lường được", "Measurable", .integer(measurable ? 1 : 0)),
            ]
            if let latest { facts.append(.init("latest_update", "Cập nhật gần nhất", "Latest update", .day(latest.on))) }
            items.append(.init(id: c.id, title: c.title, counted: true, facts: facts))
        }
        let facts: [Explanation.Fact] = [
            .init("commitments", "Số cam kết", "Commitments", .integer(n)),
            .init("fresh_since", "Cập nhật từ ngày", "Fresh since", .day(freshFrom)),
            .init("sum", "Tổng điểm", "Sum of scores", .number(sum)),
        ]
        guard n > 0 else {
            return MetricValue(attainment: .zero, explanation: Explanation(formula: Self.formula, facts: facts, items: items))
        }
        return MetricValue(attainment: percent(sum / n), explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }
}
