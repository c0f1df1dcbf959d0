/// `complaint_resolution`: complaints resolved by their legal deadline.
struct ComplaintResolution: Metric {
    static let name = "complaint_resolution"
    static let parameterKeys: [String] = []
    static let formula = LocalizedText(
        "Mỗi phản ánh, khiếu nại đã đến hạn (không tính bị từ chối): giải quyết đúng hạn = 1, trễ hạn = 0,5, chưa giải quyết = 0. Điểm = 100 × trung bình.",
        "Each complaint past its due date (rejected ones excluded): resolved on time = 1, late = 0.5, unresolved = 0. Score = 100 × the mean.")

    init() {}
    init?(_ parameters: YAMLFields) {}

    func evaluate(_ ctx: MetricContext) -> MetricValue {
        let c = ctx.tally.complaints[ctx.officialIndex]
        let facts: [Explanation.Fact] = [
            .init("counted", "Số phản ánh đến hạn", "Complaints due", .integer(c.counted)),
            .init("on_time", "Giải quyết đúng hạn", "Resolved on time", .integer(c.resolvedOnTime)),
            .init("late", "Giải quyết trễ hạn", "Resolved late", .integer(c.resolvedLate)),
            .init("unresolved", "Chưa giải quyết", "Unresolved", .integer(c.unresolved)),
            .init("rejected", "Bị từ chối (không tính)", "Rejected (not counted)", .integer(c.rejected)),
            .init("not_yet_due", "Chưa đến hạn (không tính)", "Not yet due (not counted)", .integer(c.notYetDue)),
            .init("no_due", "Không có hạn (không tính)", "No due date (not counted)", .integer(c.noDue)),
        ]
        guard c.counted > 0 else {
            return MetricValue(attainment: nil, explanation: Explanation(
                formula: Self.formula, notApplicable: LocalizedText("Không có phản ánh nào đến hạn", "No complaint is due"), facts: facts))
        }
        let points = Rational(c.resolvedOnTime) + Rational(c.resolvedLate, 2)
        return MetricValue(attainment: percent(points / c.counted), explanation: Explanation(formula: Self.formula, facts: facts))
    }
}
