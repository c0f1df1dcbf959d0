import Testing
@testable import Congkhai

/// The province's commitment lists (`cam-ket/…`): every published commitment
/// of a list's standing, done ones newest deadline first, the others most
/// urgent first, ties in content order.
@Suite struct CommitmentListsTests {
    @Test func listsHoldTheirCommitmentsInDeadlineOrder() throws {
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: log))
        let plan = SitePlan.make(run)
        let p = run.province, D = run.scoreboard.asOf
        var seen = 0
        for key in CommitmentList.allCases {
            let refs = plan.commitmentLists[key] ?? []
            let deadlines = refs.map { p.officials[$0.official].commitments[$0.commitment].deadline }
            for i in refs.indices.dropFirst() {
                let (a, b) = (deadlines[i - 1], deadlines[i])
                if a == b {
                    #expect((refs[i - 1].official, refs[i - 1].commitment) < (refs[i].official, refs[i].commitment), "\(key) \(i)")
                } else {
                    #expect(key == .done ? a > b : a < b, "\(key) \(i)")
                }
            }
            for r in refs {
                let c = p.officials[r.official].commitments[r.commitment]
                #expect(c.isPublished(asOf: D))
                switch key {
                case .withdrawn: #expect(c.status == .withdrawn)
                case .done: #expect(c.status != .withdrawn && c.isDone(asOf: D))
                case .overdue: #expect(c.isOverdue(asOf: D))
                case .dueSoon: #expect(c.isDueSoon(asOf: D))
                }
            }
            // Several distinct deadlines, so the order is actually tested.
            #expect(Set(deadlines).count > 2, "\(key)")
            seen += refs.count
        }
        #expect(seen > 20)
    }
}
