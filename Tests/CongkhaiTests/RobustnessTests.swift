import Testing
@testable import Congkhai

/// Band robustness (DESIGN.md): every corner of the `weight_range` box is
/// scored completely; `total_range` and `band_range` report the spread.
@Suite struct RobustnessTests {
    static func framework(rangeB: String = "weight_range: [30, 70]", gate: Bool = false) -> String {
        """
        id: box
        name: { vi: "Hộp trọng số" }
        criteria:
          - { id: crit_a, name: { vi: "A" }, group: A, weight: 50, measures: [{ metric: assessment, key: a }] }
          - { id: crit_b, name: { vi: "B" }, group: B, weight: 50, \(rangeB), measures: [{ metric: assessment, key: b }] }
        bands:
          - { id: excellent, min: 90, name: { vi: "Xuất sắc" } }
          - { id: good, min: 70, name: { vi: "Tốt" } }
          - { id: complete, min: 50, name: { vi: "Hoàn thành" } }
          - { id: incomplete, min: 0, name: { vi: "Không hoàn thành" } }
        \(gate ? "gates: { group_b_min: 60, cap_band: complete }" : "")
        """
    }

    func result(a: String, b: String?, framework: String = RobustnessTests.framework(), audits: String? = nil) throws -> (OfficialResult, Framework) {
        var c = TestContent()
        c["framework.yaml"] = framework
        var s = "assessments:\n  a: { score: \(a), max: 100 }\n"
        if let b { s += "  b: { score: \(b), max: 100 }\n" }
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", s)
        if let audits { c["audits/a.yaml"] = audits }
        let (run, log) = try c.run()
        let r = try #require(run, "errors: \(log.items.map(\.description))")
        return (r.scoreboard.results[0], r.province.framework)
    }

    @Test func cornersGiveTheRangeOfTotalsAndBands() throws {
        // a = 100, b = 50; weight of b in [30, 70] with a fixed at 50:
        // b at 30: (5000 + 1500)/80 = 81.25; b at 70: (5000 + 3500)/120 = 70.8333… → 70.83. Published (50/50): 75.
        let (r, fw) = try result(a: "100", b: "50")
        #expect(r.total == 75)
        let rb = try #require(r.robustness)
        #expect(rb.totalRange == Rational(decimal: "70.83")!...Rational(decimal: "81.25")!)
        #expect(fw.bands[rb.lowestBand].id == "good" && fw.bands[rb.highestBand].id == "good")
        #expect(r.bandIsRobust)
        #expect(rb.corners == 2)
    }

    @Test func aBandThatDependsOnTheWeights() throws {
        // a = 100, b = 40: b at 30 → 86.25 (good); b at 70 → 65 (complete). Published 70 (good).
        let (r, fw) = try result(a: "100", b: "40")
        #expect(r.total == 70)
        let rb = try #require(r.robustness)
        #expect(fw.bands[rb.lowestBand].id == "complete")
        #expect(fw.bands[rb.highestBand].id == "good")
        #expect(!r.bandIsRobust)
    }

    @Test func theGateAndAuditsApplyAtEveryCorner() throws {
        // Group-B attainment 50 < 60 at every corner: the gate caps every corner at complete.
        let (r, fw) = try result(a: "100", b: "50", framework: RobustnessTests.framework(gate: true))
        let rb = try #require(r.robustness)
        #expect(fw.bands[r.band].id == "complete")
        #expect(fw.bands[rb.lowestBand].id == "complete" && fw.bands[rb.highestBand].id == "complete")
        // A deduction of 5 moves every corner's total.
        let audits = "- { official: nguyen-van-an, by: \"HĐND\", on: 2026-11-01, finding: \"x\", action: { deduct: 5 } }\n"
        let (r2, _) = try result(a: "100", b: "50", audits: audits)
        #expect(r2.robustness?.totalRange == Rational(decimal: "65.83")!...Rational(decimal: "76.25")!)
    }

    @Test func aCriterionThatDoesNotCountIsNotVaried() throws {
        let (r, _) = try result(a: "80", b: nil)
        #expect(r.robustness?.corners == 1)
        #expect(r.robustness?.totalRange == 80...80)
    }

    @Test func noRangesNoRobustness() throws {
        let (r, _) = try result(a: "100", b: "50", framework: RobustnessTests.framework(rangeB: "required: false"))
        #expect(r.robustness == nil)
        #expect(r.bandIsRobust)
    }

    @Test func badRangesAreErrorsAtTheirLine() throws {
        var c = TestContent()
        c["framework.yaml"] = RobustnessTests.framework(rangeB: "weight_range: [70, 30]")
        #expect(try c.errors().contains { $0.line == 5 && $0.message.contains("lowest weight first") })
        c["framework.yaml"] = RobustnessTests.framework(rangeB: "weight_range: [30]")
        #expect(try c.errors().contains { $0.line == 5 && $0.message.contains("two numbers") })
        c["framework.yaml"] = RobustnessTests.framework(rangeB: "weight_range: [-1, 30]")
        #expect(try c.errors().contains { $0.line == 5 && $0.message.contains("must not be negative") })
        c["framework.yaml"] = RobustnessTests.framework(rangeB: "weight_range: [60, 70]")
        let (_, log) = try c.run()
        #expect(log.items.contains { $0.severity == .warning && $0.line == 5 && $0.message.contains("outside its weight_range") })
    }
}
