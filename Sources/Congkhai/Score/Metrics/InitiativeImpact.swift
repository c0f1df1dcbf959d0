/// `initiative_impact`: process improvements, credited only when sustained.
struct InitiativeImpact: Metric {
    static let name = "initiative_impact"
    static let parameterKeys: [String] = []
    static let formula = LocalizedText(
        "Mỗi sáng kiến áp dụng trong 365 ngày trước kỳ đến ngày đánh giá: mức giảm ρ = lớn nhất trong (trước − sau)/trước về số ngày, chi phí, số bước; điểm = 50 × min(1, ρ/0,5), nhân hệ số duy trì (có 1, không 0, chưa đánh giá 0,5). Điểm = min(100, tổng).",
        "Each initiative adopted from 365 days before the period to the scoring date: reduction ρ = the largest (before − after)/before in days, cost or steps; points = 50 × min(1, ρ/0.5), times the sustained factor (yes 1, no 0, not yet evaluated 0.5). Score = min(100, the sum).")

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
                                   note: LocalizedText("Ngoài khoảng thời gian xét", "Outside the window"), facts: []))
                continue
            }
            var rho = Rational.zero
            var facts: [Explanation.Fact] = []
            let pairs: [(String, String, String, Rational?, Rational?)] = [
                ("days", "Số ngày", "Days", i.baseline.days, i.current.days),
                ("cost_vnd", "Chi phí (đồng)", "Cost (VND)", i.baseline.costVND, i.current.costVND),
                ("steps", "Số bước", "Steps", i.baseline.steps, i.current.steps),
            ]
            for (key, vi, en, b, c) in pairs {
                guard let b, let c, !b.isZero else { continue }
                let r = ((b - c) / b).clamped(.zero, .one)
                rho = max(rho, r)
                facts.append(.init("reduction_" + key, "Mức giảm " + vi.lowercased(), en + " reduction", .number(r)))
            }
            let points = 50 * min(.one, rho * 2)
            let factor: Rational = i.sustained.map { $0 ? .one : .zero } ?? Rational(1, 2)
            total += points * factor
            n += 1
            facts += [
                .init("rho", "Mức giảm ρ", "Reduction ρ", .number(rho)),
                .init("points", "Điểm", "Points", .number(points)),
                .init("sustained", "Duy trì", "Sustained", .localized(i.sustained.map {
                    $0 ? LocalizedText("có", "yes") : LocalizedText("không", "no") } ?? LocalizedText("chưa đánh giá", "not evaluated"))),
                .init("factor", "Hệ số", "Factor", .number(factor)),
            ]
            items.append(.init(id: i.id, title: i.title, counted: true, facts: facts))
        }
        let facts: [Explanation.Fact] = [
            .init("initiatives", "Số sáng kiến", "Initiatives", .integer(n)),
            .init("window_start", "Tính từ ngày", "Window start", .day(from)),
            .init("sum", "Tổng điểm", "Sum of points", .number(total)),
        ]
        return MetricValue(attainment: min(Rational.hundred, total), explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }
}
