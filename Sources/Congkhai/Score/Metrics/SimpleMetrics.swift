/// `training_ratio`: share of staff trained.
enum TrainingRatio {
    static let formula = LocalizedText("Điểm = 100 × min(1, số cán bộ được đào tạo / tổng số cán bộ).",
                                       "Score = 100 × min(1, staff trained / staff count).")

    static func evaluate(_ ctx: MetricContext) -> (Double?, Explanation) {
        let o = ctx.official
        let facts: [Explanation.Fact] = [
            .init("staff_trained", "Cán bộ được đào tạo", "Staff trained", o.staffTrained.map { .integer($0) } ?? .none),
            .init("staff_count", "Tổng số cán bộ", "Staff count", o.staffCount.map { .integer($0) } ?? .none),
        ]
        guard let trained = o.staffTrained, let count = o.staffCount, count > 0 else {
            return (nil, Explanation(formula: formula,
                                     notApplicable: LocalizedText("Thiếu số liệu cán bộ hoặc đào tạo", "Staff or training figures missing"),
                                     facts: facts))
        }
        return (100 * min(1, Double(trained) / Double(count)), Explanation(formula: formula, facts: facts))
    }
}

/// `indicator_progress`: movement of the locality's social-impact indicators toward target.
enum IndicatorProgress {
    static let formula = LocalizedText(
        "Mỗi chỉ số của địa phương: p = (thực tế − cơ sở)/(mục tiêu − cơ sở), giới hạn trong [0, 1]. Điểm = 100 × trung bình p.",
        "Each indicator of the locality: p = (actual − baseline)/(target − baseline), clamped to [0, 1]. Score = 100 × the mean of p.")

    static func evaluate(_ ctx: MetricContext) -> (Double?, Explanation) {
        var items: [Explanation.Item] = []
        var sum = 0.0, n = 0
        for ind in ctx.locality.indicators {
            guard let actual = ind.actual else {
                items.append(.init(id: ind.id, title: ind.name, counted: false,
                                   note: LocalizedText("Chưa có số liệu thực tế", "No actual value yet"), facts: []))
                continue
            }
            let p: Double
            if ind.target == ind.baseline {
                let good = ind.direction == .higher ? actual >= ind.baseline : actual <= ind.baseline
                p = good ? 1 : 0
            } else {
                p = min(1, max(0, (actual - ind.baseline) / (ind.target - ind.baseline)))
            }
            sum += p
            n += 1
            items.append(.init(id: ind.id, title: ind.name, counted: true, facts: [
                .init("baseline", "Cơ sở", "Baseline", .number(ind.baseline)),
                .init("target", "Mục tiêu", "Target", .number(ind.target)),
                .init("actual", "Thực tế", "Actual", .number(actual)),
                .init("direction", "Chiều tốt", "Better when", .text(ind.direction.rawValue)),
                .init("p", "Tiến độ p", "Progress p", .number(p)),
            ]))
        }
        let facts: [Explanation.Fact] = [.init("indicators", "Số chỉ số", "Indicators", .integer(n))]
        guard n > 0 else {
            return (nil, Explanation(formula: formula,
                                     notApplicable: LocalizedText("Địa phương chưa có chỉ số nào có số liệu", "The locality has no indicator with data"),
                                     facts: facts, items: items))
        }
        return (100 * sum / Double(n), Explanation(formula: formula, facts: facts, items: items))
    }
}

/// `assessment`: a score given by the evaluating body.
enum AssessmentMetric {
    static let formula = LocalizedText("Điểm = 100 × điểm đánh giá / điểm tối đa.", "Score = 100 × assessed score / maximum.")

    static func evaluate(_ ctx: MetricContext, key: String) -> (Double?, Explanation) {
        guard let a = ctx.official.assessments[key] else {
            return (nil, Explanation(formula: formula,
                                     notApplicable: LocalizedText("Chưa có đánh giá \"\(key)\"", "No \"\(key)\" assessment"),
                                     facts: [.init("key", "Loại", "Key", .text(key))]))
        }
        var facts: [Explanation.Fact] = [
            .init("key", "Loại", "Key", .text(key)),
            .init("score", "Điểm", "Score", .number(a.score)),
            .init("max", "Tối đa", "Maximum", .number(a.max)),
            .init("by", "Đánh giá bởi", "Assessed by", .text(a.by)),
        ]
        if let on = a.on { facts.append(.init("on", "Ngày", "Date", .day(on))) }
        if let on = a.on, on > ctx.asOf {
            return (nil, Explanation(formula: formula,
                                     notApplicable: LocalizedText("Đánh giá sau ngày tính điểm", "Assessment dated after the scoring date"),
                                     facts: facts))
        }
        guard a.max > 0 else { return (nil, Explanation(formula: formula, facts: facts)) }
        return (min(100, max(0, 100 * a.score / a.max)), Explanation(formula: formula, facts: facts))
    }
}
