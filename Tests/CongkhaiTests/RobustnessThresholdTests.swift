import Testing
@testable import Congkhai

/// Decision 116: past a dozen ranged criteria, band robustness comes from
/// the threshold corners; every figure must be the one scoring every
/// corner gives.
@Suite struct RobustnessThresholdTests {
    static let bands = [("excellent", 90), ("good", 70), ("complete", 50), ("incomplete", 0)].map {
        Band(id: $0.0, min: Rational($0.1), name: LocalizedText(vi: $0.0), consequences: LocalizedText(vi: ""))
    }
    static let asOf = Day(year: 2026, month: 11, day: 30)!

    /// Random officials shaped to reach the edges: weights that may be zero
    /// at one end or both, ranges of one point, every criterion ranged (no
    /// fixed weight), tied and zero attainments, a gate near the group-B
    /// attainments, deductions, downgrades and caps.
    @Test func thresholdCornersGiveWhatEveryCornerGives() {
        var rng = SplitMix(seed: 0x7E57_0116)
        func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        func int(_ r: Range<Int>) -> Int { Int.random(in: r, using: &rng) }
        func fraction(_ max: Int) -> Rational { Rational(int(0...max * 7), 7) }
        var checked = 0, gateDecided = 0, zeroEnds = 0, weightDependent = 0
        for _ in 0..<700 {
            let n = int(1...9)
            let allRanged = int(0..<4) == 0
            let ties = [Rational(0), Rational(50), Rational(70), Rational(455, 7)]
            var criteria: [Criterion] = [], results: [CriterionResult] = []
            for i in 0..<n {
                let group: CriterionGroup = Bool.random(using: &rng) ? .a : .b
                let weight = Rational(int(0...40))
                var range: ClosedRange<Rational>?
                if allRanged || int(0..<3) > 0 {
                    switch int(0..<5) {
                    case 0: range = .zero...fraction(30)
                    case 1: range = weight...weight
                    case 2: range = .zero...(.zero)
                    default: range = max(.zero, weight - fraction(20))...(weight + fraction(30))
                    }
                }
                criteria.append(Criterion(id: "c\(i)", name: LocalizedText(vi: "c"), basis: nil, group: group, weight: weight,
                                          weightRange: range, required: false, measures: []))
                let status: CriterionResult.Status = [.scored, .scored, .scored, .scored, .dropped, .requiredZero][int(0..<6)]
                let attainment: Rational = int(0..<3) == 0 ? ties[int(0..<ties.count)]
                    : Rational(int((group == .a ? 350 : 140)...700), 7)
                results.append(CriterionResult(id: "c\(i)", group: group, weight: weight, status: status,
                                               attainment: status == .dropped ? nil : (status == .requiredZero ? .zero : attainment),
                                               contribution: .zero, measures: []))
            }
            let gate = int(0..<3) > 0 ? Gate(groupBMin: 40 + fraction(40), capBand: ["complete", "good", "incomplete"][int(0..<3)]) : nil
            let framework = Framework(id: "f", name: LocalizedText(vi: "f"), criteria: criteria, bands: Self.bands, gate: gate, file: "f.yaml")
            var audits: [Audit] = []
            for _ in 0..<int(0...2) {
                let action: Audit.Action = [.deduct(fraction(20)), .downgrade(1), .cap("good")][int(0..<3)]
                audits.append(Audit(official: "o", officialRef: "o", by: "x", on: Self.asOf, finding: "x", action: action,
                                    reference: "", file: "a.yaml", line: audits.count + 1))
            }
            let corners = WeightCorners(framework)
            let varying = corners.ranged.filter { results[$0.index].counts }
            guard !varying.isEmpty else { continue }
            checked += 1
            if varying.contains(where: { $0.lo.isZero }) { zeroEnds += 1 }
            let threshold = corners.thresholdRobustness(varying: varying, criteria: results, audits: audits,
                                                        framework: framework, asOf: Self.asOf)
            let summed = RobustnessTests.enumerated(corners, criteria: results, audits: audits, framework: framework, asOf: Self.asOf)
            #expect(threshold.totalRange == summed.totalRange, "totals, case \(checked)")
            #expect(threshold.lowestBand == summed.lowestBand, "worst band, case \(checked)")
            #expect(threshold.highestBand == summed.highestBand, "best band, case \(checked)")
            #expect(threshold.corners == summed.corners)
            if summed.lowestBand != summed.highestBand { weightDependent += 1 }
            // Cases where the gate caps the band of the highest total at some corner.
            if let g = gate, let cap = framework.bandIndex(id: g.capBand), summed.highestBand <= cap, summed.lowestBand >= cap {
                gateDecided += 1
            }
        }
        #expect(checked > 500)
        #expect(zeroEnds > 150)
        #expect(weightDependent > 60)
        #expect(gateDecided > 60)
    }

    /// Officials whose best band the gate decides (the group-B corners
    /// searched, some weights set to an end without it): mostly group B,
    /// wide ranges, group-B attainments on both sides of the gate's
    /// minimum, totals near the band limits.
    @Test func theGateDecidesTheBestBandAsEveryCornerDoes() {
        #expect(Self.gateCases(seed: 0x6A7E_0116, count: 800, sizes: 3...9) > 150)
    }

    /// The search of decision 119 (`bestBandUnderTheGate`) on more such
    /// officials, with five to eight criteria: a search that stops at its
    /// first corner fails here.
    @Test func theGateSearchSkipsOnlyCornersThatCannotWin() {
        #expect(Self.gateCases(seed: 0x6A7E_0119, count: 400, sizes: 5...8) > 80)
    }

    /// The same search under twenty bands five points apart: almost every
    /// corner's total has a band of its own, so the first corner searched is
    /// seldom the best and a bound that hopes too little skips the best one.
    @Test func theGateSearchFindsTheBestOfManyBands() {
        let fine = stride(from: 95, through: 0, by: -5).map {
            Band(id: "b\($0)", min: Rational($0), name: LocalizedText(vi: "b\($0)"), consequences: LocalizedText(vi: ""))
        }
        #expect(Self.gateCases(seed: 0x6A7E_F1E5, count: 600, sizes: 4...8, bands: fine) > 100)
    }

    /// `count` random officials of `sizes` criteria shaped so that the gate
    /// often decides the best band, each compared with every corner
    /// scored; how many the gate decided (the band of the highest total is
    /// better than the cap, yet some corner is capped).
    static func gateCases(seed: UInt64, count: Int, sizes: ClosedRange<Int>, bands: [Band] = Self.bands) -> Int {
        var rng = SplitMix(seed: seed)
        func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        var decided = 0
        for _ in 0..<count {
            let n = int(sizes)
            var criteria: [Criterion] = [], results: [CriterionResult] = []
            for i in 0..<n {
                let group: CriterionGroup = int(0...3) == 0 ? .a : .b
                let weight = Rational(int(1...20))
                let range: ClosedRange<Rational>? = int(0...4) == 0 ? nil : Rational(int(0...10))...Rational(int(10...30))
                criteria.append(Criterion(id: "c\(i)", name: LocalizedText(vi: "c"), basis: nil, group: group, weight: weight,
                                          weightRange: range, required: false, measures: []))
                let attainment = Rational(int((group == .a ? 280 : 140)...700), 7)
                results.append(CriterionResult(id: "c\(i)", group: group, weight: weight, status: .scored, attainment: attainment,
                                               contribution: .zero, measures: []))
            }
            let gate = Gate(groupBMin: Rational(int(50...85)), capBand: bands[int(1...bands.count - 1)].id)
            let framework = Framework(id: "f", name: LocalizedText(vi: "f"), criteria: criteria, bands: bands, gate: gate, file: "f.yaml")
            let corners = WeightCorners(framework)
            let varying = corners.ranged.filter { results[$0.index].counts }
            guard !varying.isEmpty else { continue }
            let threshold = corners.thresholdRobustness(varying: varying, criteria: results, audits: [], framework: framework, asOf: Self.asOf)
            let summed = RobustnessTests.enumerated(corners, criteria: results, audits: [], framework: framework, asOf: Self.asOf)
            #expect(threshold.totalRange == summed.totalRange && threshold.lowestBand == summed.lowestBand
                    && threshold.highestBand == summed.highestBand)
            if let cap = framework.bandIndex(id: gate.capBand), summed.lowestBand >= cap,
               framework.bandIndex(for: summed.totalRange.upperBound) < cap {
                decided += 1
            }
        }
        return decided
    }

    /// A group-B weight above the highest total but below the gate's
    /// minimum must still be tried at both ends: at its top the group-B
    /// attainment falls to 79 (under 80) and the band is capped; at its
    /// bottom the official stays "good".
    @Test func aWeightThatRaisesTheTotalButLowersGroupBIsTriedAtBothEnds() {
        func criterion(_ id: String, _ group: CriterionGroup, _ w: Int, _ range: ClosedRange<Rational>?) -> Criterion {
            Criterion(id: id, name: LocalizedText(vi: id), basis: nil, group: group, weight: Rational(w), weightRange: range,
                      required: false, measures: [])
        }
        func result(_ id: String, _ group: CriterionGroup, _ w: Int, _ a: Int) -> CriterionResult {
            CriterionResult(id: id, group: group, weight: Rational(w), status: .scored, attainment: Rational(a), contribution: .zero,
                            measures: [])
        }
        let criteria = [criterion("a1", .a, 5, nil), criterion("b1", .b, 10, nil),
                        criterion("b2", .b, 5, Rational(0)...Rational(10)), criterion("b3", .b, 5, Rational(0)...Rational(10))]
        let results = [result("a1", .a, 5, 50), result("b1", .b, 10, 82), result("b2", .b, 5, 76), result("b3", .b, 5, 40)]
        let framework = Framework(id: "f", name: LocalizedText(vi: "f"), criteria: criteria, bands: Self.bands,
                                  gate: Gate(groupBMin: 80, capBand: "complete"), file: "f.yaml")
        let corners = WeightCorners(framework)
        let varying = corners.ranged.filter { results[$0.index].counts }
        let threshold = corners.thresholdRobustness(varying: varying, criteria: results, audits: [], framework: framework, asOf: Self.asOf)
        let summed = RobustnessTests.enumerated(corners, criteria: results, audits: [], framework: framework, asOf: Self.asOf)
        #expect(summed.highestBand == framework.bandIndex(id: "good"))
        #expect(summed.lowestBand == framework.bandIndex(id: "complete"))
        #expect(threshold.highestBand == summed.highestBand && threshold.lowestBand == summed.lowestBand
                && threshold.totalRange == summed.totalRange)
    }

    /// The two bounds of decision 119's search, each on an official where a
    /// bound weaker than the contract's skips the best corner (random
    /// officials seldom need a bound: the first corner searched is usually
    /// the best).
    ///
    /// Hope: after x at its top, y at its top raises the total from 41.67 to
    /// 45 ("fair") and still passes the gate (group B exactly 60); a hope
    /// that left out the weights not yet chosen would see 41.67 ("low", no
    /// better than the best found) and skip it.
    ///
    /// Gate: with x at its bottom, group B is 40 so far, yet y at its top
    /// lifts it to 66.25 and the total is 83.13 ("high"); a gate judged
    /// without what y can still lift would call the whole branch capped
    /// ("good", the best found) and skip it.
    @Test func theSearchsBoundsKeepTheBestCorner() {
        func official(_ items: [(CriterionGroup, Int, Int, ClosedRange<Int>?)], bands: [(String, Int)], minimum: Int, cap: String) -> (Int, Int) {
            let criteria = items.enumerated().map { i, c in
                Criterion(id: "c\(i)", name: LocalizedText(vi: "c"), basis: nil, group: c.0, weight: Rational(c.2),
                          weightRange: c.3.map { Rational($0.lowerBound)...Rational($0.upperBound) }, required: false, measures: [])
            }
            let results = items.enumerated().map { i, c in
                CriterionResult(id: "c\(i)", group: c.0, weight: Rational(c.2), status: .scored, attainment: Rational(c.1),
                                contribution: .zero, measures: [])
            }
            let bands = bands.map { Band(id: $0.0, min: Rational($0.1), name: LocalizedText(vi: $0.0), consequences: LocalizedText(vi: "")) }
            let framework = Framework(id: "f", name: LocalizedText(vi: "f"), criteria: criteria, bands: bands,
                                      gate: Gate(groupBMin: Rational(minimum), capBand: cap), file: "f.yaml")
            let corners = WeightCorners(framework)
            let varying = corners.ranged.filter { results[$0.index].counts }
            let searched = corners.thresholdRobustness(varying: varying, criteria: results, audits: [], framework: framework, asOf: Self.asOf)
            let summed = RobustnessTests.enumerated(corners, criteria: results, audits: [], framework: framework, asOf: Self.asOf)
            return (searched.highestBand, summed.highestBand)
        }
        // a, then group B: fixed 70, x and y 55, z 20.
        let hope = official([(.a, 0, 10, nil), (.b, 70, 10, nil), (.b, 55, 5, 0...10), (.b, 55, 5, 0...10), (.b, 20, 5, 0...10)],
                            bands: [("top", 90), ("good", 70), ("complete", 50), ("fair", 43), ("low", 0)], minimum: 60, cap: "low")
        #expect(hope.1 == 3, "every corner: fair")
        #expect(hope.0 == hope.1)
        // a 100, then group B: fixed 40, x 62, y 75 (up to 30).
        let gate = official([(.a, 100, 40, nil), (.b, 40, 10, nil), (.b, 62, 5, 0...10), (.b, 75, 5, 0...30)],
                            bands: [("top", 90), ("high", 82), ("good", 70), ("complete", 50), ("low", 0)], minimum: 60, cap: "good")
        #expect(gate.1 == 1, "every corner: high")
        #expect(gate.0 == gate.1)
    }

    /// Forty ranged criteria: 2^40 corners, which scoring one at a time
    /// would not finish; the threshold corners take microseconds.
    @Test(.timeLimit(.minutes(1))) func fortyRangedCriteriaAreScoredAtOnce() throws {
        var c = TestContent()
        var criteria = ""
        for i in 0..<40 {
            criteria += "  - { id: c\(i), name: { vi: \"C\(i)\" }, group: \(i % 3 == 0 ? "B" : "A"), weight: 2.5, weight_range: [1, 4], "
                + "measures: [{ metric: assessment, key: k\(i) }] }\n"
        }
        c["framework.yaml"] = """
        id: many
        name: { vi: "Nhiều khoảng" }
        criteria:
        \(criteria)bands:
          - { id: excellent, min: 90, name: { vi: "Xuất sắc" } }
          - { id: good, min: 70, name: { vi: "Tốt" } }
          - { id: complete, min: 50, name: { vi: "Hoàn thành" } }
          - { id: incomplete, min: 0, name: { vi: "Không hoàn thành" } }
        gates: { group_b_min: 60, cap_band: complete }
        """
        var s = "assessments:\n"
        for i in 0..<40 { s += "  k\(i): { score: \(i % 3 == 0 ? 40 + i : 60 + i / 2), max: 100 }\n" }
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", s)
        let (run, log) = try c.run()
        let r = try #require(run, "errors: \(log.items.map(\.description))")
        let rb = try #require(r.scoreboard.results[0].robustness)
        #expect(rb.corners == 1 << 40)
        #expect(rb.totalRange.lowerBound < r.scoreboard.results[0].total)
        #expect(rb.totalRange.upperBound > r.scoreboard.results[0].total)
    }
}
