import Testing
@testable import Congkhai

/// The complaint rules (`FeedbackRow+Complaint.swift`): DESIGN.md's edge
/// rules, and the same answers through a pointer to the row as on the row,
/// since the tally's thread reads rows where they lie (decision 140).
@Suite struct ComplaintRulesTests {
    static let asOf = Day(ordinal: 20_000)

    func row(_ status: ComplaintStatus, due: Day?, resolvedOn: Day?) -> FeedbackRow {
        FeedbackRow(id: "x", date: Day(ordinal: 19_900), channel: nil, locality: 0, official: 0, commitment: nil,
                    kind: .complaint, respondentKind: nil, respondent: "", rating: nil, category: "", status: status,
                    due: due, resolvedOn: resolvedOn, comment: "", publish: false, file: 0, line: 2)
    }

    func day(_ offset: Int) -> Day { Day(ordinal: ComplaintRulesTests.asOf.ordinal + offset) }

    @Test func edgeRules() {
        let d = ComplaintRulesTests.asOf
        // Resolved without `resolved_on`, or after D: not resolved.
        #expect(row(.resolved, due: day(-5), resolvedOn: nil).resolution(asOf: d) == nil)
        #expect(row(.resolved, due: day(-5), resolvedOn: day(1)).resolution(asOf: d) == nil)
        #expect(row(.open, due: day(-5), resolvedOn: day(-9)).resolution(asOf: d) == nil)
        #expect(row(.resolved, due: day(-5), resolvedOn: day(-9)).resolution(asOf: d) == day(-9))
        // On time: resolved by D on or before `due`; nil without `due`.
        #expect(row(.resolved, due: day(-5), resolvedOn: day(-5)).resolvedOnTime(asOf: d) == true)
        #expect(row(.resolved, due: day(-5), resolvedOn: day(-4)).resolvedOnTime(asOf: d) == false)
        #expect(row(.open, due: day(-5), resolvedOn: nil).resolvedOnTime(asOf: d) == false)
        #expect(row(.resolved, due: nil, resolvedOn: day(-4)).resolvedOnTime(asOf: d) == nil)
        // Overdue: unresolved at D past `due`; never when rejected or without `due`.
        #expect(row(.open, due: day(-1), resolvedOn: nil).isOverdue(asOf: d))
        #expect(!row(.open, due: d, resolvedOn: nil).isOverdue(asOf: d))
        #expect(!row(.rejected, due: day(-1), resolvedOn: nil).isOverdue(asOf: d))
        #expect(!row(.open, due: nil, resolvedOn: nil).isOverdue(asOf: d))
        #expect(!row(.resolved, due: day(-1), resolvedOn: day(-2)).isOverdue(asOf: d))
        // The standing a published complaint shows.
        let standings: [(FeedbackRow, ComplaintStanding)] = [
            (row(.rejected, due: day(-1), resolvedOn: nil), .rejected),
            (row(.resolved, due: day(-5), resolvedOn: day(-6)), .resolvedOnTime),
            (row(.resolved, due: day(-5), resolvedOn: day(-2)), .resolvedLate),
            (row(.resolved, due: nil, resolvedOn: day(-2)), .resolved),
            (row(.inProgress, due: day(-1), resolvedOn: nil), .overdue),
            (row(.open, due: day(3), resolvedOn: nil), .open),
        ]
        for (r, standing) in standings {
            withUnsafePointer(to: r) { #expect(ComplaintStanding(at: $0, asOf: d) == standing) }
        }
    }

    /// Every status, and `due` and `resolved_on` absent, before, at and after D.
    @Test func theRulesReadTheSameThroughAPointer() {
        let d = ComplaintRulesTests.asOf
        let days: [Day?] = [nil, day(-10), day(-3), d, day(4)]
        for status in ComplaintStatus.allCases {
            for due in days {
                for resolvedOn in days {
                    let r = row(status, due: due, resolvedOn: resolvedOn)
                    withUnsafePointer(to: r) { p in
                        #expect(p.resolution(asOf: d) == r.resolution(asOf: d))
                        #expect(p.resolvedOnTime(asOf: d) == r.resolvedOnTime(asOf: d))
                        #expect(p.isOverdue(asOf: d) == r.isOverdue(asOf: d))
                    }
                }
            }
        }
    }
}
