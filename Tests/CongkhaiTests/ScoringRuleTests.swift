import Testing
@testable import Congkhai

/// Totals, redistribution, audits, rounding, the group-B gate and ranking.
@Suite struct ScoringRuleTests {
    /// Two criteria scored from assessments `a` (group A) and `b` (group B).
    static func framework(weightA: Int = 50, weightB: Int = 50, requiredB: Bool = false, gate: Bool = true) -> String {
        """
        id: two
        name: { vi: "Hai tiêu chí" }
        criteria:
          - { id: crit_a, name: { vi: "A" }, group: A, weight: \(weightA), measures: [{ metric: assessment, key: a }] }
          - { id: crit_b, name: { vi: "B" }, group: B, weight: \(weightB), required: \(requiredB), measures: [{ metric: assessment, key: b }] }
        bands:
          - { id: excellent, min: 90, name: { vi: "Xuất sắc" } }
          - { id: good, min: 70, name: { vi: "Tốt" } }
          - { id: complete, min: 50, name: { vi: "Hoàn thành" } }
          - { id: incomplete, min: 0, name: { vi: "Không hoàn thành" } }
        \(gate ? "gates: { group_b_min: 60, cap_band: complete }" : "")
        """
    }

    static func assessments(a: Double?, b: Double?) -> String {
        var s = "assessments:\n"
        if let a { s += "  a: { score: \(a), max: 100 }\n" }
        if let b { s += "  b: { score: \(b), max: 100 }\n" }
        return s
    }

    func content(a: Double?, b: Double?, framework: String = ScoringRuleTests.framework()) -> TestContent {
        var c = TestContent()
        c["framework.yaml"] = framework
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", ScoringRuleTests.assessments(a: a, b: b))
        return c
    }

    func result(_ c: TestContent, asOf: String? = nil) throws -> (OfficialResult, Framework) {
        let (run, log) = try c.run(asOf: asOf)
        let r = try #require(run, "errors: \(log.items.map(\.description))")
        return (r.scoreboard.results[0], r.province.framework)
    }

    @Test func weightedTotal() throws {
        let (r, fw) = try result(content(a: 100, b: 70))
        #expect(r.total == 85)
        #expect(fw.bands[r.band].id == "good")
        #expect(r.criteria[0].contribution == 50)
    }

    @Test func notApplicableCriterionIsDroppedAndWeightRedistributed() throws {
        let (r, _) = try result(content(a: 80, b: nil, framework: ScoringRuleTests.framework(weightA: 30, weightB: 70)))
        #expect(r.total == 80)
        #expect(r.criteria[1].status == .dropped)
        #expect(r.gate?.attainment == nil)   // no group-B criterion counts: no gate
    }

    @Test func requiredNotApplicableScoresZero() throws {
        let (r, fw) = try result(content(a: 80, b: nil, framework: ScoringRuleTests.framework(weightA: 30, weightB: 70, requiredB: true)))
        #expect(r.total == 24)
        #expect(r.criteria[1].status == .requiredZero)
        #expect(fw.bands[r.band].id == "incomplete")
    }

    @Test func groupBGateAtExactly60Passes() throws {
        let (r, fw) = try result(content(a: 100, b: 60))
        #expect(r.total == 80)
        #expect(r.gate?.capped == false)
        #expect(fw.bands[r.band].id == "good")
    }

    @Test func groupBGateBelow60CapsBand() throws {
        let (r, fw) = try result(content(a: 100, b: 59.99))
        #expect(fw.bands[r.bandFromTotal].id == "good")
        #expect(r.gate?.capped == true)
        #expect(fw.bands[r.band].id == "complete")
    }

    @Test func requiredNotApplicableGroupBCountsAsZeroInTheGate() throws {
        let (r, fw) = try result(content(a: 100, b: nil, framework: ScoringRuleTests.framework(weightA: 90, weightB: 10, requiredB: true)))
        #expect(r.total == 90)
        #expect(fw.bands[r.bandFromTotal].id == "excellent")
        #expect(r.gate?.attainment == 0)
        #expect(r.gate?.capped == true)
        #expect(fw.bands[r.band].id == "complete")
    }

    @Test func gateNeverRaisesABand() throws {
        let (r, fw) = try result(content(a: 0, b: 40))
        #expect(fw.bands[r.band].id == "incomplete")
        #expect(r.gate?.capped == false)
    }

    @Test(arguments: [("4.625", "4.63"), ("83.125", "83.13"), ("83.124", "83.12"), ("89.995", "90"), ("0.005", "0.01"),
                      ("69.995", "70"), ("69.994999999", "69.99")])
    func roundingHalfAwayFromZero(value: String, expected: String) throws {
        var c = TestContent(measure: "{ metric: assessment, key: a }")
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", "assessments:\n  a: { score: \(value), max: 100 }\n")
        let (r, _) = try result(c)
        #expect(r.total == Rational(decimal: expected))
    }

    /// Every band threshold, exactly on the tie and just below it: the band is
    /// read from the total rounded half away from zero on the exact value.
    @Test(arguments: [("89.995", "90", "excellent"), ("89.9949999999", "89.99", "good"),
                      ("69.995", "70", "good"), ("69.9949999999", "69.99", "complete"),
                      ("49.995", "50", "complete"), ("49.9949999999", "49.99", "incomplete")])
    func bandThresholds(value: String, total: String, band: String) throws {
        var c = TestContent(measure: "{ metric: assessment, key: a }")
        // score/max with max 3: the attainment is reached through a division by 3.
        let score = try #require(Rational(decimal: value)) * 3 / 100
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An",
            "assessments:\n  a: { score: \(score.decimalText), max: 3 }\n")
        let (r, fw) = try result(c)
        #expect(r.total == Rational(decimal: total))
        #expect(fw.bands[r.band].id == band)
    }

    @Test func roundingOfComputedValues() {
        #expect(Number.round(4.625) == 4.63)
        #expect(Number.round(83.125) == 83.13)
        #expect(Number.round(-2.675) == -2.68)   // exact: a true tie, away from zero
        #expect(Number.round(1.005) == 1.01)     // binary would give 1.00499… → 1.00
        #expect(Number.round(0.125) == 0.13)
        #expect(Number.fixed(83.125) == "83.13")
        #expect(Number.format(15) == "15")
        #expect(Number.format(0.8) == "0.8")
    }

    @Test func bandIsReadFromTheRoundedTotal() throws {
        // 89.995 rounds to 90.00: excellent.
        let (r, fw) = try result(content(a: 89.995, b: 89.995))
        #expect(r.total == 90)
        #expect(fw.bands[r.band].id == "excellent")
    }

    // MARK: - Audits

    @Test func auditsAcrossTwoFilesApplyInFileThenListOrder() throws {
        var c = content(a: 100, b: 100)
        c["audits/b-thanh-tra.yaml"] = """
        - { official: nguyen-van-an, by: "Thanh tra", on: 2026-11-01, action: { cap: good } }
        - { official: nguyen-van-an, by: "Thanh tra", on: 2026-11-02, action: { downgrade: 1 } }
        """
        c["audits/a-hdnd.yaml"] = """
        - { official: xa-an-binh/nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { deduct: 2.5 } }
        - { official: nguyen-van-an, by: "HĐND", on: 2026-10-02, action: { deduct: 0.004 } }
        - { official: nguyen-van-an, by: "HĐND", on: 2026-12-01, action: { deduct: 50 } }
        """
        let (r, fw) = try result(c)
        // 100 − 2.5 − 0.004 = 97.496 → 97.50 excellent → cap good → downgrade complete; the audit after D is ignored
        #expect(r.total == 97.5)
        #expect(fw.bands[r.bandFromTotal].id == "excellent")
        #expect(fw.bands[r.band].id == "complete")
        #expect(r.audits.filter(\.applied).count == 4)
    }

    @Test func deductionFloorsAtZeroAndDowngradeStopsAtLowest() throws {
        var c = content(a: 10, b: 10)
        c["audits/a.yaml"] = """
        - { official: nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { deduct: 50 } }
        - { official: nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { downgrade: 3 } }
        """
        let (r, fw) = try result(c)
        #expect(r.total == 0)
        #expect(fw.bands[r.band].id == "incomplete")
    }

    @Test func capAboveTheCurrentBandChangesNothing() throws {
        var c = content(a: 60, b: 60)
        c["audits/a.yaml"] = "- { official: nguyen-van-an, by: \"HĐND\", on: 2026-10-01, action: { cap: excellent } }\n"
        let (r, fw) = try result(c)
        #expect(fw.bands[r.band].id == "complete")
    }

    // MARK: - Ranking

    @Test func sharedRanksAndVietnameseOrderWithinTies() throws {
        var c = TestContent(measure: "{ metric: assessment, key: a }")
        let people: [(String, String, Double)] = [
            ("dang-van-duc", "Đặng Văn Đức", 80), ("dang-van-dung", "Đặng Văn Dũng", 80),
            ("an", "Ông Văn An", 90), ("ba", "Ấn Văn Ba", 70), ("anh", "Anh Văn Cả", 70),
        ]
        c.files["officials/xa-an-binh/nguyen-van-an.md"] = nil
        for (id, name, score) in people {
            c["officials/xa-an-binh/\(id).md"] = TestContent.official(name, "assessments:\n  a: { score: \(score), max: 100 }\n")
        }
        let (run, _) = try c.run()
        let board = try #require(run)
        var rank: [String: Int] = [:]
        for r in board.scoreboard.results { rank[board.province.officials[r.official].id] = r.rankInLocality }
        #expect(rank == ["an": 1, "dang-van-duc": 2, "dang-van-dung": 2, "ba": 4, "anh": 4])
        // One locality, one role, one context: the peer group ranks the same way.
        #expect(board.scoreboard.results.allSatisfy { $0.rankInPeerGroup == $0.rankInLocality })
        let order = Ranking.rank(board.scoreboard.results, score: \.total,
                                 name: { board.province.officials[$0.official].name },
                                 id: { board.province.officials[$0.official].id }).map { board.province.officials[$0.item.official].id }
        // Dũng before Đức; Anh before Ấn.
        #expect(order == ["an", "dang-van-dung", "dang-van-duc", "anh", "ba"])
    }

    @Test func excellenceQuotaWarnsWithoutChangingBands() throws {
        var c = TestContent(measure: "{ metric: assessment, key: a }")
        c["framework.yaml"] = (c["framework.yaml"] ?? "") + "\nexcellence_quota: { band: excellent, of_band: good, share: 0.2 }\n"
        c.files["officials/xa-an-binh/nguyen-van-an.md"] = nil
        for (id, score) in [("a", 95.0), ("b", 92.0), ("c", 80.0), ("d", 75.0)] {
            c["officials/xa-an-binh/\(id).md"] = TestContent.official("Cán bộ \(id)", "assessments:\n  a: { score: \(score), max: 100 }\n")
        }
        let (run, log) = try c.run()
        let board = try #require(run)
        // 2 excellent > 20 % of 2 good.
        #expect(log.items.contains { $0.severity == .warning && $0.file == "localities/xa-an-binh.yaml" && $0.message.contains("Decree 335") })
        #expect(board.scoreboard.results.filter { $0.band == 0 }.count == 2)
        let status = try #require(ExcellenceQuota.status(locality: "xa-an-binh", results: board.scoreboard.results, province: board.province))
        #expect(status.counted == 2 && status.of == 2 && status.exceeded)
    }

    @Test func tiesAreOrderedByVietnameseCollationThenId() {
        // Byte order would put "Bảo" before "Ân" and "Zô" before "Ơn".
        let items: [(name: String, id: String, score: Int)] = [
            ("Bảo", "bao", 80), ("Ân", "an-2", 80), ("Zô", "zo", 80), ("Ơn", "on", 80),
            ("Ân", "an-1", 80), ("Mười", "muoi", 95), ("Anh", "anh", 70),
        ]
        let ranked = Ranking.rank(items, score: { Rational($0.score) }, name: \.name, id: \.id)
        #expect(ranked.map(\.item.id) == ["muoi", "an-1", "an-2", "bao", "on", "zo", "anh"])
        #expect(ranked.map(\.rank) == [1, 2, 2, 2, 2, 2, 7])
    }

    @Test func vietnameseCollation() {
        let names = ["Zô", "Ơn", "Ông", "Ôn", "Đức", "Dũng", "Ba", "Ấn", "Ân", "Anh"]
        let sorted = names.sorted { Ranking.collates($0, before: $1) }
        #expect(sorted == ["Anh", "Ân", "Ấn", "Ba", "Dũng", "Đức", "Ôn", "Ông", "Ơn", "Zô"])
    }

    @Test func scoresJSONFollowsTheContract() throws {
        let (run, _) = try content(a: 100, b: nil, framework: ScoringRuleTests.framework(requiredB: true)).run()
        let json = ScoresReport.json(try #require(run)).serialized()
        #expect(json.contains("\"as_of\": \"2026-11-28\""))
        #expect(json.contains("\"period\": {\n    \"id\": \"2026\",\n    \"start\": \"2026-01-01\",\n    \"end\": \"2026-12-31\"\n  }"))
        #expect(json.contains("\"crit_a\": 100,\n        \"crit_b\": 0"))
        #expect(json.contains("\"total\": 50,"))
        #expect(json.contains("\"rank_in_locality\": 1,"))
        let (run2, _) = try content(a: 100, b: nil).run()
        #expect(ScoresReport.json(try #require(run2)).serialized().contains("\"crit_b\": null"))
    }
}
