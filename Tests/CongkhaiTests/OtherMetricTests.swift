import Testing
@testable import Congkhai

/// disclosure, incident_response, initiative_impact, training_ratio,
/// indicator_progress and assessment.
@Suite struct OtherMetricTests {
    func official(_ measure: String, _ frontMatter: String) -> TestContent {
        var c = TestContent(measure: measure)
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", frontMatter)
        return c
    }

    // MARK: - disclosure

    @Test func disclosureFreshEvidencedMeasurable() throws {
        let c = official("{ metric: disclosure }", """
        commitments:
          - id: a
            title: "Done with evidence"
            group: A
            target: 10
            deadline: 2026-06-30
            status: done
            completed_on: 2026-06-01
            updates: [{ on: 2026-06-01, progress: 100, evidence: "https://x.example/a.pdf" }]
          - id: b
            title: "Done without evidence, no target"
            group: A
            deadline: 2026-06-30
            status: done
            completed_on: 2026-06-01
          - id: c
            title: "Stale, not done, acceptance"
            group: A
            acceptance: "Nghiệm thu"
            deadline: 2026-12-30
            status: in_progress
            published_on: 2026-01-10
            updates: [{ on: 2026-10-28, progress: 10 }]
          - id: d
            title: "Fresh by update exactly 30 days before"
            group: A
            target: 5
            deadline: 2026-12-30
            status: planned
            updates: [{ on: 2026-10-29 }]
          - { id: e, title: "Withdrawn", group: A, deadline: 2026-12-30, status: withdrawn }
        """)
        // a: 3/3; b: fresh only 1/3; c: evidenced + measurable 2/3; d: 3/3; e left out
        #expect(try c.attainment()?.isClose(to: 100 * (1 + 1.0 / 3 + 2.0 / 3 + 1) / 4) == true)
    }

    @Test func disclosureWithoutCommitmentsIsZeroNotApplicable() throws {
        let c = official("{ metric: disclosure }", "")
        #expect(try c.attainment() == 0)
    }

    @Test func disclosureUnsafeEvidenceIsDroppedWithWarning() throws {
        let c = official("{ metric: disclosure }", """
        commitments:
          - id: a
            title: "A"
            group: A
            target: 1
            deadline: 2026-06-30
            status: done
            completed_on: 2026-06-01
            updates: [{ on: 2026-06-01, evidence: "javascript:alert(1)" }]
        """)
        let (run, log) = try c.run()
        #expect(run?.scoreboard.results[0].criteria[0].attainment?.isClose(to: 200.0 / 3) == true)
        #expect(log.items.contains { $0.severity == .warning && $0.message.contains("evidence link") && $0.line == 13 })
    }

    // MARK: - incident_response

    @Test func incidentsResponseAndOutcome() throws {
        let c = official("{ metric: incident_response }", """
        incidents:
          - { id: a, title: "On time, resolved", kind: natural_disaster, occurred: 2026-10-02T03:00, responded: 2026-10-02T05:30, resolved: 2026-10-09T17:00, target_response_hours: 4, outcome: resolved }
          - { id: b, title: "Slow, partial", kind: epidemic, occurred: 2026-05-01 08:00, responded: 2026-05-01T16:00, target_response_hours: 4, outcome: partial }
          - { id: c, title: "Never responded, ongoing", kind: other, occurred: 2026-11-01T00:00, target_response_hours: 2, outcome: ongoing }
          - { id: d, title: "Resolved after D counts as ongoing", kind: other, occurred: 2026-11-20T00:00, responded: 2026-11-20T01:00, resolved: 2026-12-02T00:00, target_response_hours: 2, outcome: resolved }
          - { id: e, title: "Before the period", kind: other, occurred: 2025-12-31T23:00, target_response_hours: 2, outcome: unresolved }
        """)
        // a: (1+1)/2 = 1; b: r = 4/8, (0.5+0.5)/2 = 0.5; c: 0; d: r = 1
        #expect(try c.attainment()?.isClose(to: 100 * 2.5 / 4) == true)
    }

    @Test func responseAfterAsOfCountsAsNever() throws {
        let c = official("{ metric: incident_response }", """
        incidents:
          - { id: a, title: "A", kind: other, occurred: 2026-11-28T20:00, responded: 2026-11-29T01:00, target_response_hours: 8, outcome: unresolved }
        """)
        #expect(try c.attainment() == 0)
    }

    @Test func noIncidentIsNotApplicable() throws {
        #expect(try official("{ metric: incident_response }", "").attainment() == nil)
    }

    // MARK: - initiative_impact

    @Test func initiativesReductionAndSustainedFactor() throws {
        let c = official("{ metric: initiative_impact }", """
        initiatives:
          - { id: a, title: "A", adopted_on: 2025-01-01, baseline: { days: 10, cost_vnd: 0 }, current: { days: 4, cost_vnd: 0 }, sustained: true }
          - { id: b, title: "B", adopted_on: 2026-03-01, baseline: { steps: 8 }, current: { steps: 6 }, sustained: false }
          - { id: c, title: "C", adopted_on: 2026-03-01, baseline: { steps: 8 }, current: { steps: 6 } }
          - { id: d, title: "D", adopted_on: 2026-04-01, baseline: { days: 5 }, current: { days: 7 } }
          - { id: e, title: "E", adopted_on: 2024-12-31, baseline: { days: 10 }, current: { days: 1 }, sustained: true }
        """)
        // a: ρ 0.6 → 50 × 1; b: × 0; c: ρ 0.25 → 25 × 0.5; d: negative → 0; e: outside window
        #expect(try c.attainment()?.isClose(to: 62.5) == true)
    }

    @Test func initiativesCapAt100AndNoneScoresZero() throws {
        let many = (1...3).map { "  - { id: i\($0), title: \"I\", adopted_on: 2026-02-01, baseline: { days: 10 }, current: { days: 2 }, sustained: true }" }
        #expect(try official("{ metric: initiative_impact }", "initiatives:\n" + many.joined(separator: "\n")).attainment() == 100)
        #expect(try official("{ metric: initiative_impact }", "").attainment() == 0)
    }

    // MARK: - training_ratio

    @Test func trainingRatio() throws {
        #expect(try official("{ metric: training_ratio }", "staff_count: 20\ntraining: { staff_trained: 15 }").attainment() == 75)
        #expect(try official("{ metric: training_ratio }", "staff_count: 20\ntraining: { staff_trained: 25 }").attainment() == 100)
        #expect(try official("{ metric: training_ratio }", "staff_count: 0\ntraining: { staff_trained: 5 }").attainment() == nil)
        #expect(try official("{ metric: training_ratio }", "staff_count: 20").attainment() == nil)
    }

    // MARK: - indicator_progress

    @Test func indicatorsBothDirectionsAndFlatTargets() throws {
        var c = TestContent(measure: "{ metric: indicator_progress }")
        c["localities/xa-an-binh.yaml"] = TestContent.locality + """

        indicators:
          - { id: ngheo, name: "Tỷ lệ hộ nghèo", baseline: 8, target: 6, actual: 7, direction: lower }
          - { id: truc-tuyen, name: "Trực tuyến", baseline: 50, target: 70, actual: 80, direction: higher }
          - { id: bhyt, name: "BHYT", baseline: 90, target: 90, actual: 89, direction: higher }
          - { id: chay-rung, name: "Cháy rừng", baseline: 6, target: 6, actual: 6, direction: lower }
          - { id: chua-co, name: "Chưa có số liệu", baseline: 1, target: 2 }
        """
        // 0.5 + 1 + 0 + 1 over 4
        #expect(try c.attainment()?.isClose(to: 62.5) == true)
    }

    // MARK: - assessment

    @Test func assessmentScoreOverMaxAndDatedAfterAsOf() throws {
        #expect(try official("{ metric: assessment, key: conduct }",
                             "assessments:\n  conduct: { score: 27, max: 30, by: \"Đảng ủy\", on: 2026-11-15 }").attainment()?.isClose(to: 90) == true)
        #expect(try official("{ metric: assessment, key: conduct }",
                             "assessments:\n  conduct: { score: 27, max: 30, by: \"Đảng ủy\", on: 2026-12-15 }").attainment() == nil)
        #expect(try official("{ metric: assessment, key: conduct }",
                             "assessments:\n  conduct: { score: 40, max: 30 }").attainment() == 100)
        #expect(try official("{ metric: assessment, key: conduct }", "").attainment() == nil)
    }
}
