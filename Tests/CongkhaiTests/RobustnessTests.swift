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
    /// Every corner summed from scratch: what `WeightCorners.robustness`
    /// must agree with while it moves one weight at a time.
    static func enumerated(_ corners: WeightCorners, criteria: [CriterionResult], audits: [Audit], framework: Framework,
                           asOf: Day) -> Robustness {
        let varying = corners.ranged.filter { criteria[$0.index].counts }
        var weights = corners.nominal
        for r in corners.ranged { weights[r.index] = r.lo }
        var low: Rational?, high: Rational?, worst = 0, best = Int.max
        for corner in 0..<(1 << varying.count) {
            for (bit, r) in varying.enumerated() { weights[r.index] = corner & (1 << bit) == 0 ? r.lo : r.hi }
            let o = Outcome(criteria: criteria, weights: weights, audits: audits, framework: framework, asOf: asOf, explain: false)
            low = low.map { min($0, o.total) } ?? o.total
            high = high.map { max($0, o.total) } ?? o.total
            worst = max(worst, o.band)
            best = min(best, o.band)
        }
        return Robustness(totalRange: (low ?? .zero)...(high ?? .zero), lowestBand: worst, highestBand: best,
                          corners: 1 << varying.count)
    }

    @Test func movingOneWeightAtATimeGivesEveryCornersOutcome() {
        var rng = SplitMix(seed: 0x5EED_C0DE)
        func fraction(_ max: Int) -> Rational { Rational(Int.random(in: 0...max * 7, using: &rng), 7) }
        let bands = [("excellent", 90), ("good", 70), ("complete", 50), ("incomplete", 0)].map {
            Band(id: $0.0, min: Rational($0.1), name: LocalizedText(vi: $0.0), consequences: LocalizedText(vi: ""))
        }
        let asOf = Day(year: 2026, month: 11, day: 30)!
        // Every fourth case has attainments with 50–62-bit denominators, as
        // rating priors have on national feedback: the weighted sums then
        // outgrow 128 bits, the path the common denominators were made for.
        func wideAttainment() -> Rational {
            let d = Int.random(in: (1 << 50)...(1 << 62), using: &rng)
            return Rational(Int.random(in: d / 3...d, using: &rng), d) * 100
        }
        // Group A attains 70–100 and group B 20–100, the gate's minimum is
        // 40–90: totals reach the good and excellent bands while group B
        // falls short often enough for the gate to cap them.
        func attainment(_ group: CriterionGroup) -> Rational {
            Rational(Int.random(in: (group == .a ? 490 : 140)...700, using: &rng), 7)
        }
        var ranged = 0, weightDependent = 0, bigSums = 0, gateCapped = 0
        for n in 0..<400 {
            let wide = n % 4 == 1
            // Big sums are slow in a debug build: at most 64 corners for them.
            let n = Int.random(in: 1...(wide ? 6 : 9), using: &rng)
            var criteria: [Criterion] = [], results: [CriterionResult] = []
            for i in 0..<n {
                let group: CriterionGroup = Bool.random(using: &rng) ? .a : .b
                let w = Int.random(in: 1...40, using: &rng), weight = Rational(w)
                var range: ClosedRange<Rational>?
                if Int.random(in: 0..<3, using: &rng) > 0 {
                    let lo = weight - fraction(w), hi = weight + fraction(30)
                    range = max(.zero, lo)...hi
                }
                criteria.append(Criterion(id: "c\(i)", name: LocalizedText(vi: "c"), basis: nil, group: group, weight: weight,
                                          weightRange: range, required: false, measures: []))
                let status: CriterionResult.Status = [.scored, .scored, .scored, .scored, .scored, .dropped, .requiredZero][Int.random(in: 0..<7, using: &rng)]
                results.append(CriterionResult(id: "c\(i)", group: group, weight: weight, status: status,
                                               attainment: status == .dropped ? nil
                                                   : (status == .requiredZero ? .zero : wide ? wideAttainment() : attainment(group)),
                                               contribution: .zero, measures: []))
            }
            let gate = Bool.random(using: &rng) ? Gate(groupBMin: 40 + fraction(50), capBand: "complete") : nil
            let framework = Framework(id: "f", name: LocalizedText(vi: "f"), criteria: criteria, bands: bands, gate: gate, file: "f.yaml")
            var audits: [Audit] = []
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                let action: Audit.Action = [.deduct(fraction(20)), .downgrade(1), .cap("good")][Int.random(in: 0..<3, using: &rng)]
                audits.append(Audit(official: "o", officialRef: "o", by: "x", on: Bool.random(using: &rng) ? asOf : asOf.adding(days: 1),
                                    finding: "x", action: action, reference: "", file: "a.yaml", line: audits.count + 1))
            }
            let corners = WeightCorners(framework)
            guard !corners.isEmpty else { continue }
            ranged += 1
            if case .big = Outcome.Sums(criteria: results, weights: corners.nominal).weighted.storage { bigSums += 1 }
            let moved = corners.robustness(criteria: results, audits: audits, framework: framework, asOf: asOf)
            let summed = RobustnessTests.enumerated(corners, criteria: results, audits: audits, framework: framework, asOf: asOf)
            #expect(moved.totalRange == summed.totalRange && moved.lowestBand == summed.lowestBand
                    && moved.highestBand == summed.highestBand && moved.corners == summed.corners)
            if moved.lowestBand != moved.highestBand { weightDependent += 1 }
            if let g = framework.gate, let cap = framework.bandIndex(id: g.capBand),
               let o = Optional(Outcome(criteria: results, weights: corners.nominal, audits: audits, framework: framework, asOf: asOf)),
               o.gate?.capped == true, o.band == cap { gateCapped += 1 }
        }
        // The cases are not all trivial: most have ranges, many move a band.
        #expect(ranged > 250)
        #expect(weightDependent > 40)
        #expect(bigSums > 40)
        #expect(gateCapped > 10)
    }
}
