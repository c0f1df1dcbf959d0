import Foundation
import Testing
@testable import Congkhai

/// The demo province is valid and exercises every feature the contract names.
@Suite struct DemoContentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("content").path

    static let run: (ScoringRun?, [Diagnostic]) = {
        let log = DiagnosticLog()
        return (ScoringRun.run(content: root, options: .init(), log: log), log.items)
    }()

    @Test func checksCleanAndScoresEveryOfficial() throws {
        let (run, items) = DemoContentTests.run
        #expect(!items.contains { $0.severity == .error }, "\(items.filter { $0.severity == .error })")
        let r = try #require(run)
        #expect(r.province.site.demo)
        // The committed demo (scripts/generate_demo.py, default seed): exact counts.
        #expect(r.province.localities.count == 12)
        #expect(r.province.officials.count == 62)
        #expect(r.scoreboard.results.count == r.province.officials.count)
        #expect(r.feedbackRows == 31_012)
        #expect(r.quarantinedCount == 12)
        #expect(Set(r.province.feedbackFiles).count == 4)
    }

    @Test func exercisesEveryKindOfContent() throws {
        let r = try #require(DemoContentTests.run.0)
        let p = r.province
        #expect(Set(p.localities.map(\.kind)).isSuperset(of: [.commune, .ward, .specialZone, .department]))
        #expect(Set(p.localities.map(\.context)) == Set(Locality.Context.allCases))
        #expect(Set(p.officials.map(\.role)) == Set(Official.Role.allCases))
        let commitments = p.officials.flatMap(\.commitments)
        #expect(Set(commitments.map(\.status)) == Set(Commitment.Status.allCases))
        #expect(Set(commitments.map(\.difficulty)) == Set(Commitment.Difficulty.allCases))
        #expect(Set(commitments.map(\.group)) == Set(CriterionGroup.allCases))
        #expect(commitments.contains { $0.isApprovedWithdrawal })
        #expect(commitments.contains { $0.status == .withdrawn && !$0.isApprovedWithdrawal })
        #expect(commitments.contains { $0.product != nil && $0.target == nil })
        #expect(commitments.contains { c in c.updates.contains { $0.evidence != nil } })
        #expect(p.localities.contains { !$0.normAdjustments.isEmpty })
        let incidents = p.officials.flatMap(\.incidents)
        #expect(Set(incidents.map(\.outcome)) == Set(Incident.Outcome.allCases))
        let initiatives = p.officials.flatMap(\.initiatives)
        #expect(Set(initiatives.map { $0.sustained.map { $0 ? 1 : 0 } ?? 2 }) == [0, 1, 2])
        #expect(p.localities.contains { !$0.indicators.isEmpty })
        #expect(p.officials.contains { !$0.assessments.isEmpty })
        let actions = Set(p.audits.map { a -> String in
            switch a.action { case .deduct: "deduct"; case .downgrade: "downgrade"; case .cap: "cap" }
        })
        #expect(actions == ["deduct", "downgrade", "cap"])
        #expect(Set(p.audits.map(\.file)).count == 2)
    }

    @Test func scoringIsDeterministic() throws {
        let a = try #require(DemoContentTests.run.0)
        let log = DiagnosticLog()
        let b = try #require(ScoringRun.run(content: DemoContentTests.root, options: .init(), log: log))
        #expect(ScoresReport.json(a).serialized() == ScoresReport.json(b).serialized())
        #expect(ScoresReport.csv(a) == ScoresReport.csv(b))
    }

    /// `check`, `score` and `verify` render no page: their runs collect no
    /// published comment, category or summary, and score exactly as a
    /// build's run does (scores, explanations, priors, diagnostics).
    @Test func aRunWithoutPagesScoresTheSame() throws {
        let a = try #require(DemoContentTests.run.0)
        let log = DiagnosticLog()
        let b = try #require(ScoringRun.run(content: DemoContentTests.root, options: .init(feedsPages: false), log: log))
        #expect(a.scoreboard.tally.commentGroups.count > 100 && b.scoreboard.tally.commentGroups.count == 0)
        let (ta, tb) = (a.scoreboard.tally, b.scoreboard.tally)
        #expect(ta.officialSummaries.filter { $0.rows > 0 }.count > 50 && ta.province.rows > 1000 && !ta.categoryNames.isEmpty)
        #expect(tb.officialSummaries.allSatisfy { $0.rows == 0 } && tb.localitySummaries.allSatisfy { $0.rows == 0 }
                && tb.province.rows == 0 && tb.categoryNames.isEmpty)
        #expect(ta.validRows == tb.validRows && ta.inWindowRows == tb.inWindowRows)
        for r in a.scoreboard.results {
            let e = ExplanationReport.json(a, result: r)
            let rb = try #require(b.scoreboard.results.first { $0.official == r.official })
            #expect(ExplanationReport.json(b, result: rb) == e)
        }
        #expect(ScoresReport.json(a).serialized() == ScoresReport.json(b).serialized())
        #expect(log.items.map(\.description) == DemoContentTests.run.1.map(\.description))
    }

    /// `check` shows no score: its run tries no band at the weight box's
    /// corners, and finds the same diagnostics, totals, bands and ranks.
    @Test func aCheckRunSkipsOnlyTheBandsAtTheCorners() throws {
        let a = try #require(DemoContentTests.run.0)
        let log = DiagnosticLog()
        let b = try #require(ScoringRun.run(content: DemoContentTests.root,
                                            options: .init(feedsPages: false, hashesFeedback: false, bandRobustness: false), log: log))
        #expect(a.scoreboard.results.contains { $0.robustness != nil })
        #expect(b.scoreboard.results.allSatisfy { $0.robustness == nil })
        #expect(a.scoreboard.results.map(\.total) == b.scoreboard.results.map(\.total))
        #expect(a.scoreboard.results.map(\.band) == b.scoreboard.results.map(\.band))
        #expect(a.scoreboard.results.map(\.rankInLocality) == b.scoreboard.results.map(\.rankInLocality))
        #expect(log.items.map(\.description) == DemoContentTests.run.1.map(\.description))
    }
}
