/// `commitment_delivery`: how completely and how timely due commitments were delivered.
struct CommitmentDelivery: Metric {
    enum GroupFilter: String, Sendable {
        case a = "A", b = "B", any
    }

    static let name = "commitment_delivery"
    static let parameterKeys = ["group", "partners_only"]
    static let formula = LocalizedText(
        "Mỗi cam kết đến hạn có mức hoàn thành c (1 nếu đã xong; nếu không: thực tế/chỉ tiêu, hoặc tiến độ cập nhật gần nhất) và tính kịp thời t = 1 − min(số ngày trễ, 90)/180; trọng số độ khó w (thường 1, khó 1,5, đột phá 2). Điểm = 100 × Σ w·c·t / Σ w.",
        "Each due commitment has completion c (1 if done; otherwise actual/target, or the latest reported progress) and timeliness t = 1 − min(days late, 90)/180; difficulty weight w (normal 1, hard 1.5, breakthrough 2). Score = 100 × Σ w·c·t / Σ w.")

    var group: GroupFilter
    var partnersOnly: Bool

    static let statusNames: [String: LocalizedText] = [
        "done": LocalizedText("Hoàn thành", "Done"), "done_after": LocalizedText("Hoàn thành sau ngày tính điểm", "Completed after the scoring date"),
        "planned": LocalizedText("Kế hoạch", "Planned"), "in_progress": LocalizedText("Đang thực hiện", "In progress"),
        "withdrawn": LocalizedText("Đã rút", "Withdrawn"),
    ]

    init(group: GroupFilter = .any, partnersOnly: Bool = false) {
        self.group = group
        self.partnersOnly = partnersOnly
    }

    init?(_ p: YAMLFields) {
        var group = GroupFilter.any
        if let gs = p.scalar("group", required: false) {
            guard let g = GroupFilter(rawValue: gs.text) else {
                p.error(.scalar(gs), "group \"\(gs.text)\" must be A, B or any")
                return nil
            }
            group = g
        }
        self.init(group: group, partnersOnly: p.bool("partners_only") ?? false)
    }

    var parameterLabel: String {
        partnersOnly ? "group: \(group.rawValue); partners_only" : "group: \(group.rawValue)"
    }

    func label(_ label: (String) -> String) -> String {
        if partnersOnly { return label("metric_commitment_delivery_partners") }
        return label("metric_commitment_delivery") + (group == .any ? "" : " (" + label("group_" + group.rawValue) + ")")
    }

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let D = ctx.asOf, S = ctx.period.start, E = ctx.period.end
        let limit = min(D, E)
        var items: [Explanation.Item] = []
        var sumW = Rational.zero, sumWCT = Rational.zero
        var due = 0, done = 0
        for c in ctx.official.commitments {
            guard ctx.isVisible(c) else { continue }
            if group == .a && c.group != .a { continue }
            if group == .b && c.group != .b { continue }
            if partnersOnly && c.partners.isEmpty { continue }
            if c.isApprovedWithdrawal {
                items.append(.init(id: c.id, title: c.title, counted: false,
                                   note: LocalizedText("Rút có phê duyệt: không tính", "Withdrawn with approval: excluded"), facts: []))
                continue
            }
            let isDone = ctx.isDone(c)
            let unapprovedWithdrawal = c.status == .withdrawn
            let dueByDeadline = c.deadline <= limit
            let dueByCompletion = isDone && (c.completedOn.map { $0 >= S && $0 <= E } ?? false)
            guard dueByDeadline || (!unapprovedWithdrawal && dueByCompletion) else {
                items.append(.init(id: c.id, title: c.title, counted: false,
                                   note: LocalizedText("Chưa đến hạn", "Not yet due"),
                                   facts: [.init("deadline", "Hạn", "Deadline", .day(c.deadline))]))
                continue
            }
            let target = ctx.effectiveTarget(c)
            var completion: Rational
            var source: LocalizedText
            if unapprovedWithdrawal {
                completion = .zero
                source = LocalizedText("rút không có phê duyệt", "withdrawn without approval")
            } else if let t = target, let a = c.actual {
                completion = min(.one, a / t)
                source = LocalizedText("thực tế/chỉ tiêu", "actual/target")
            } else if isDone {
                completion = .one
                source = LocalizedText("đã hoàn thành", "done")
            } else if let u = ctx.latestUpdate(c, withProgress: true), let p = u.progress {
                completion = p / 100
                source = LocalizedText("tiến độ cập nhật ngày \(u.on.vietnamese)", "progress reported on \(u.on)")
            } else {
                completion = .zero
                source = LocalizedText("chưa có tiến độ", "no progress reported")
            }
            completion = max(.zero, completion)
            var lateDays = 0
            var timeliness = Rational.one
            if !unapprovedWithdrawal, isDone, let on = c.completedOn {
                lateDays = max(0, on - c.deadline)
            } else {
                lateDays = max(0, D - c.deadline)
            }
            if !(isDone && !unapprovedWithdrawal && lateDays == 0) {
                timeliness = .one - Rational(min(lateDays, 90), 180)
            }
            let w = c.difficulty.weight
            sumW += w
            sumWCT += w * completion * timeliness
            due += 1
            if isDone { done += 1 }
            let statusKey = isDone ? "done" : (c.status == .done ? "done_after" : c.status.rawValue)
            var facts: [Explanation.Fact] = [
                .init("status", "Trạng thái", "Status", .localized(CommitmentDelivery.statusNames[statusKey] ?? LocalizedText(statusKey, statusKey))),
                .init("deadline", "Hạn", "Deadline", .day(c.deadline)),
            ]
            if let on = c.completedOn { facts.append(.init("completed_on", "Ngày hoàn thành", "Completed on", .day(on))) }
            if let t = target { facts.append(.init("target", "Chỉ tiêu", "Target", .number(t))) }
            if let a = c.actual { facts.append(.init("actual", "Thực tế", "Actual", .number(a))) }
            facts += [
                .init("completion", "Mức hoàn thành c", "Completion c", .number(completion)),
                .init("completion_source", "Căn cứ tính c", "Source of c", .localized(source)),
                .init("days_late", "Số ngày trễ", "Days late", .integer(lateDays)),
                .init("timeliness", "Kịp thời t", "Timeliness t", .number(timeliness)),
                .init("difficulty_weight", "Trọng số độ khó w", "Difficulty weight w", .number(w)),
            ]
            items.append(.init(id: c.id, title: c.title, counted: true, facts: facts))
        }
        let facts: [Explanation.Fact] = [
            .init("due", "Số cam kết đến hạn", "Commitments due", .integer(due)),
            .init("done", "Đã hoàn thành", "Done", .integer(done)),
            .init("sum_w", "Σ w", "Σ w", .number(sumW)),
            .init("sum_wct", "Σ w·c·t", "Σ w·c·t", .number(sumWCT)),
        ]
        guard due > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula, notApplicable: LocalizedText("Không có cam kết nào đến hạn", "No commitment is due"),
                facts: facts, items: items))
        }
        return MetricValue(attainment: percent(sumWCT / sumW),
                           explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }
}
