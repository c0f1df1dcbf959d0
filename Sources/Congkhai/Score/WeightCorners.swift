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

    func robustness(criteria: [CriterionResult], audits: [Audit], framework: Framework, asOf: Day) -> Robustness {
        let varying = ranged.filter { criteria[$0.index].counts }
        var weights = nominal
        // Criteria that do not count for this official sit at any end: use lo.
        for r in ranged { weights[r.index] = r.lo }
        var lowTotal: Rational?, highTotal: Rational?
        var worst = 0, best = Int.max
        let count = 1 << varying.count
        for corner in 0..<count {
            for (bit, r) in varying.enumerated() { weights[r.index] = corner & (1 << bit) == 0 ? r.lo : r.hi }
            let o = Outcome(criteria: criteria, weights: weights, audits: audits, framework: framework, asOf: asOf,
                            explain: false)
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
    /// Corners scored for this official (2^k for k ranged criteria that count).
    public var corners: Int

    /// True when every corner gives the published band.
    public func isRobust(band: Int) -> Bool { lowestBand == band && highestBand == band }
}
