/// `commitment_delivery`: how completely and how timely due commitments were delivered.
struct CommitmentDelivery: Metric {
    enum GroupFilter: String, Sendable {
        case a = "A", b = "B", any
    }

    static let name = "commitment_delivery"
    static let parameterKeys = ["group", "partners_only"]
    static let formula = Phrase("formula_commitment_delivery")

    var group: GroupFilter
    var partnersOnly: Bool


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
                                   note: Phrase("note_withdrawn_approved"), facts: []))
                continue
            }
            let isDone = ctx.isDone(c)
            let unapprovedWithdrawal = c.status == .withdrawn
            let dueByDeadline = c.deadline <= limit
            let dueByCompletion = isDone && (c.completedOn.map { $0 >= S && $0 <= E } ?? false)
            guard dueByDeadline || (!unapprovedWithdrawal && dueByCompletion) else {
                items.append(.init(id: c.id, title: c.title, counted: false,
                                   note: Phrase("note_not_yet_due"),
                                   facts: [.init("deadline", .day(c.deadline))]))
                continue
            }
            let target = ctx.effectiveTarget(c)
            var completion: Rational
            var source: Phrase
            if unapprovedWithdrawal {
                completion = .zero
                source = Phrase("source_withdrawn_unapproved")
            } else if let t = target, let a = c.actual {
                completion = min(.one, a / t)
                source = Phrase("source_actual_target")
            } else if isDone {
                completion = .one
                source = Phrase("source_done")
            } else if let u = ctx.latestUpdate(c, withProgress: true), let p = u.progress {
                completion = p / 100
                source = Phrase("source_progress", ["date": u.on.description])
            } else {
                completion = .zero
                source = Phrase("source_no_progress")
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
                .init("status", .phrase(Phrase("status_" + statusKey))),
                .init("deadline", .day(c.deadline)),
            ]
            if let on = c.completedOn { facts.append(.init("completed_on", .day(on))) }
            if let t = target { facts.append(.init("target", .number(t))) }
            if let a = c.actual { facts.append(.init("actual", .number(a))) }
            facts += [
                .init("completion", .number(completion)),
                .init("completion_source", .phrase(source)),
                .init("days_late", .integer(lateDays)),
                .init("timeliness", .number(timeliness)),
                .init("difficulty_weight", .number(w)),
            ]
            items.append(.init(id: c.id, title: c.title, counted: true, facts: facts))
        }
        let facts: [Explanation.Fact] = [
            .init("due", .integer(due)),
            .init("done", .integer(done)),
            .init("sum_w", .number(sumW)),
            .init("sum_wct", .number(sumWCT)),
        ]
        guard due > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula, notApplicable: Phrase("na_commitment_delivery"),
                facts: facts, items: items))
        }
        return MetricValue(attainment: percent(sumWCT / sumW),
                           explanation: Explanation(formula: Self.formula, facts: facts, items: items))
    }
}
