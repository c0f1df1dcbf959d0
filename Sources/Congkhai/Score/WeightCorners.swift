/// Band robustness (DESIGN.md, "Band robustness"): the corners of the box of
/// weights that `weight_range` allows, each scored completely.
///
/// A criterion that is N/A for an official (dropped) does not take part in
/// that official's total at any weight, so only the ranged criteria that count
/// are varied: the same result with fewer corners.
struct WeightCorners {
    let nominal: [Rational]
    /// Indexes of ranged criteria and their ends.
    let ranged: [(index: Int, lo: Rational, hi: Rational)]

    init(_ framework: Framework) {
        nominal = framework.criteria.map(\.weight)
        ranged = framework.criteria.enumerated().compactMap { i, c in
            c.weightRange.map { (i, $0.lowerBound, $0.upperBound) }
        }
    }

    var isEmpty: Bool { ranged.isEmpty }

    /// Every corner scored by the same `Outcome` rules as the published score.
    /// The corners are visited in Gray-code order, so each differs from the
    /// one before in one weight, and the weighted sums move by that weight's
    /// step instead of being summed again over every criterion: with six
    /// ranged criteria that was 64 corners × 14 criteria of exact products
    /// and sums per official, ~7 s of CPU on a national tree. The sums are
    /// kept over common denominators (`CommonDenominatorSum`), so a move is
    /// an integer addition and each corner reduces only its two quotients.
    /// Exact arithmetic does not depend on the order or form of the sums,
    /// so each corner's outcome is the one summing from scratch gives
    /// (tested against that enumeration).
    func robustness(criteria: [CriterionResult], audits: [Audit], framework: Framework, asOf: Day) -> Robustness {
        let varying = ranged.filter { criteria[$0.index].counts }
        // Past a dozen the corners are too many to visit (decision 116).
        if varying.count > WeightCorners.enumerationLimit {
            return thresholdRobustness(varying: varying, criteria: criteria, audits: audits, framework: framework, asOf: asOf)
        }
        var weights = nominal
        // Criteria that do not count for this official sit at any end: use lo.
        for r in ranged { weights[r.index] = r.lo }
        let base = Outcome.Sums(criteria: criteria, weights: weights)
        // A varying criterion's step from lo to hi, in each sum it is part of.
        let steps = varying.map { r -> (weight: Rational, weighted: Rational, groupB: Bool) in
            let step = r.hi - r.lo
            return (step, step * (criteria[r.index].attainment ?? .zero), criteria[r.index].group == .b)
        }
        var counted = CommonDenominatorSum(base: base.counted, steps: steps.map(\.weight))
        var weighted = CommonDenominatorSum(base: base.weighted, steps: steps.map(\.weighted))
        // The group-B sums only matter to a gate.
        let gated = framework.gate != nil && base.anyB
        var countedB = CommonDenominatorSum(base: base.countedB, steps: gated ? steps.map { $0.groupB ? $0.weight : .zero } : [])
        var weightedB = CommonDenominatorSum(base: base.weightedB, steps: gated ? steps.map { $0.groupB ? $0.weighted : .zero } : [])
        var atHigh = [Bool](repeating: false, count: varying.count)
        var lowTotal: Rational?, highTotal: Rational?
        var worst = 0, best = Int.max
        let count = 1 << varying.count
        for corner in 0..<count {
            if corner > 0 {
                // Gray code: corner n differs from n − 1 in bit trailingZeroBitCount(n).
                let bit = corner.trailingZeroBitCount
                atHigh[bit].toggle()
                counted.move(bit, up: atHigh[bit])
                weighted.move(bit, up: atHigh[bit])
                if gated && steps[bit].groupB {
                    countedB.move(bit, up: atHigh[bit])
                    weightedB.move(bit, up: atHigh[bit])
                }
            }
            let o = Outcome(countedWeight: .zero,  // not read by a corner
                            weightedTotal: counted.isZero ? .zero : CommonDenominatorSum.quotient(weighted, counted),
                            attainmentB: gated && !countedB.isZero ? CommonDenominatorSum.quotient(weightedB, countedB) : nil,
                            audits: audits, framework: framework, asOf: asOf, explain: false)
            lowTotal = lowTotal.map { min($0, o.total) } ?? o.total
            highTotal = highTotal.map { max($0, o.total) } ?? o.total
            worst = max(worst, o.band)
            best = min(best, o.band)
        }
        return Robustness(totalRange: (lowTotal ?? .zero)...(highTotal ?? .zero), lowestBand: worst, highestBand: best,
                          corners: count)
    }
}

/// How an official's result moves across the weight box.
public struct Robustness: Sendable {
    /// Lowest and highest published (rounded) total over the corners.
    public var totalRange: ClosedRange<Rational>
    /// Band indexes (0 = highest band): the worst and the best over the corners.
    public var lowestBand: Int
    public var highestBand: Int
    /// The corners the figures cover for this official: 2^k for the k
    /// ranged criteria that count (past twelve, not each scored: decision 116).
    public var corners: Int

    /// True when every corner gives the published band.
    public func isRobust(band: Int) -> Bool { lowestBand == band && highestBand == band }
}
