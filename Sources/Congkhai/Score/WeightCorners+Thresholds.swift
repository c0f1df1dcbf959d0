/// Band robustness without visiting every corner (decision 116).
///
/// `robustness` scores all 2^k corners of the weight box for the k ranged
/// criteria that count: 64 for the demo framework's six, but a framework
/// with twenty ranged criteria would be a million corners per official and
/// a national build of days. Past `enumerationLimit` the same figures come
/// from a handful of corners chosen by the rules' shape, exactly:
///
/// - The weighted total (n₀ + Σ wᵢaᵢ) / (d₀ + Σ wᵢ) is a ratio of linear
///   functions of the weights. At its largest T* over the box, each weight
///   whose attainment is above T* is at its top and each below at its
///   bottom (else moving it would raise the ratio), so the largest is at one
///   of the k + 1 corners that put the criteria with the highest
///   attainments at their tops and the rest at their bottoms — the
///   "threshold" corners, criteria sorted by attainment, ties adjacent. The
///   smallest likewise, sorted the other way. A corner where no weight
///   counts has a total of zero (as `Outcome.Sums` says); it is a candidate
///   of its own.
/// - The published total (deductions, then rounding) and the band before
///   the gate never fall when the weighted total rises, so the lowest and
///   highest totals and the band before the gate come from those two
///   extremes.
/// - The gate caps a corner when its group-B attainment, a ratio of the
///   same shape over the group-B weights, is below the minimum: some corner
///   is capped exactly when the smallest group-B attainment is. The worst
///   band is then the worse of the cap and the band at the lowest total.
/// - The best band is the band at the highest total unless that band is
///   better than the cap and some corner is capped: then which corners the
///   gate spares matters, and the group-B weights' corners are searched,
///   each with the other weights at their best threshold corner (a weight
///   that can only help, `bestBandUnderTheGate`, is set instead), skipping
///   the corners whose most hopeful band cannot beat the best found
///   (decision 119).
///
/// Differential tests compare every figure with scoring every corner
/// (`RobustnessThresholdTests`: 700 random officials with the edge cases,
/// 1,800 whose best band the gate decides, and one official for each of
/// the search's two bounds where a weaker bound misses the best corner).
extension WeightCorners {
    /// Ranged criteria that count, up to which every corner is scored (4,096
    /// corners): below it the enumeration, moving one weight at a time, is
    /// as fast as comparing exact totals with wide denominators (BENCHMARKS,
    /// thirty-fifth session).
    static let enumerationLimit = 12

    /// One ranged criterion that counts: its attainment, its weight's ends.
    struct Varying {
        var attainment: Rational
        var lo: Rational
        var hi: Rational
        var groupB: Bool
    }

    /// `robustness` from the threshold corners; `varying` are the ranged
    /// criteria that count, `criteria` every criterion's result.
    func thresholdRobustness(varying ranged: [(index: Int, lo: Rational, hi: Rational)], criteria: [CriterionResult],
                             audits: [Audit], framework: Framework, asOf: Day) -> Robustness {
        // Every criterion that counts and does not vary, at its weight: the
        // published score's sums with the varying weights at zero.
        var weights = nominal
        for r in ranged { weights[r.index] = .zero }
        let fixed = Outcome.Sums(criteria: criteria, weights: weights)
        let items = ranged.map { r in
            Varying(attainment: criteria[r.index].attainment ?? .zero, lo: r.lo, hi: r.hi, groupB: criteria[r.index].group == .b)
        }
        let corners = items.count < Int.bitWidth - 1 ? 1 << items.count : Int.max
        func outcome(_ weightedTotal: Rational, _ attainmentB: Rational?) -> Outcome {
            Outcome(countedWeight: .zero, weightedTotal: weightedTotal, attainmentB: attainmentB, audits: audits,
                    framework: framework, asOf: asOf, explain: false)
        }
        let tMin = WeightCorners.extremeTotal(items, base: fixed, largest: false)
        let tMax = WeightCorners.extremeTotal(items, base: fixed, largest: true)

        // The smallest group-B attainment over the corners where group B has weight.
        var capping: Rational?
        if let gate = framework.gate, fixed.anyB {
            let b = items.filter(\.groupB)
            if let smallest = WeightCorners.extreme(b, base: (fixed.weightedB, fixed.countedB), largest: false).value,
               smallest < gate.groupBMin {
                capping = smallest
            }
        }
        let low = outcome(tMin, nil), high = outcome(tMax, nil)
        let worst = outcome(tMin, capping).band
        var best = high.band
        if capping != nil, let gate = framework.gate, let cap = framework.bandIndex(id: gate.capBand), best < cap {
            best = bestBandUnderTheGate(items, fixed: fixed, outcome: outcome, floor: high.band,
                                        totals: tMin...tMax, minimum: gate.groupBMin)
        }
        return Robustness(totalRange: low.total...high.total, lowestBand: worst, highestBand: best, corners: corners)
    }

    /// The best band over the corners when the gate may cap some: each
    /// corner of the ranged group-B weights, the other weights at the
    /// threshold corner of the highest total. `floor` is the band at the
    /// highest total, which no corner beats; `totals` the weighted totals'
    /// range over the box; `minimum` the gate's.
    ///
    /// A group-B weight whose attainment is at least both the gate's
    /// minimum and the highest total is not searched but set to its top:
    /// there the total and the group-B attainment can only rise, so no
    /// corner's band gets worse (a capped corner may pass, a passing one
    /// stays passing).
    ///
    /// The other group-B weights are searched one at a time, depth first
    /// (decision 119): the corners under a partial choice are skipped when
    /// even their most hopeful band — the band at the highest total the
    /// rest of the box allows (`extremeTotal`, exact), capped when no
    /// choice of the rest lifts the group-B attainment to the minimum —
    /// is no better than the best band found. That bound is never better
    /// than a corner's band (the band never improves as the total falls;
    /// a cap never improves it), so the result is every corner's best, as
    /// enumerating them gave; thirty such weights took 2^30 corners an
    /// official before (136 s for the demo's 62 officials).
    private func bestBandUnderTheGate(_ items: [Varying],
                                      fixed: Outcome.Sums,
                                      outcome: (Rational, Rational?) -> Outcome, floor: Int,
                                      totals: ClosedRange<Rational>, minimum: Rational) -> Int {
        let others = items.filter { !$0.groupB }
        var base = fixed, free: [Varying] = []
        for item in items where item.groupB {
            guard item.attainment >= minimum && item.attainment >= totals.upperBound else {
                free.append(item)
                continue
            }
            base.add(item, weight: item.hi)
        }
        // Each weight's end that helps the gate first: a passing corner with
        // a good total is found early, and bounds prune against it. A range
        // of one point has one end.
        let ends = free.map { $0.lo == $0.hi ? [$0.lo] : $0.attainment >= minimum ? [$0.hi, $0.lo] : [$0.lo, $0.hi] }
        // How much the rest of the weights can still raise weightedB − minimum × countedB.
        var lift = [Rational](repeating: .zero, count: free.count + 1)
        for i in free.indices.reversed() {
            let d = free[i].attainment - minimum
            lift[i] = lift[i + 1] + max(free[i].lo * d, free[i].hi * d)
        }
        let capped = minimum - 1  // an attainment the gate caps
        var best = Int.max
        func search(_ i: Int, _ sums: Outcome.Sums) {
            if i == free.count {
                let t = WeightCorners.extremeTotal(others, base: sums, largest: true)
                let attainmentB = sums.countedB.isZero ? nil : sums.weightedB / sums.countedB
                best = min(best, outcome(t, attainmentB).band)
                return
            }
            if i > 0 {
                let hope = WeightCorners.extremeTotal(Array(free[i...]) + others, base: sums, largest: true)
                let passes = sums.weightedB - minimum * sums.countedB + lift[i] >= .zero
                if outcome(hope, passes ? nil : capped).band >= best { return }
            }
            for w in ends[i] {
                var next = sums
                next.add(free[i], weight: w)
                search(i + 1, next)
                if best == floor { return }
            }
        }
        search(0, base)
        return best
    }

    /// The largest (or smallest) weighted total over the box of `items`'
    /// weights added to `base`, a corner where no weight counts having a
    /// total of zero (as `Outcome.Sums` gives it).
    static func extremeTotal(_ items: [Varying], base: Outcome.Sums, largest: Bool) -> Rational {
        let e = extreme(items, base: (base.weighted, base.counted), largest: largest)
        let candidates = [e.value, e.zeroCorner ? .zero : nil].compactMap { $0 }
        return (largest ? candidates.max() : candidates.min()) ?? .zero
    }

    /// The largest (or smallest) of (n₀ + Σ wᵢaᵢ) / (d₀ + Σ wᵢ) over the
    /// corners where the denominator is not zero, from the k + 1 threshold
    /// corners; nil when it is zero at all of them. `zeroCorner`: some
    /// corner of the box has a zero denominator (every weight there zero).
    static func extreme(_ items: [Varying], base: (numerator: Rational, denominator: Rational),
                        largest: Bool) -> (value: Rational?, zeroCorner: Bool) {
        // Ties stay adjacent: the sort is by attainment alone.
        let order = items.sorted { largest ? $0.attainment > $1.attainment : $0.attainment < $1.attainment }
        var n = base.numerator, d = base.denominator
        for item in order {
            n += item.lo * item.attainment
            d += item.lo
        }
        var found: Rational?
        func consider() {
            guard !d.isZero else { return }
            let v = n / d
            if let f = found, largest ? !(v > f) : !(v < f) { return }
            found = v
        }
        consider()
        for item in order {
            let step = item.hi - item.lo
            n += step * item.attainment
            d += step
            consider()
        }
        let zeroCorner = base.denominator.isZero && items.allSatisfy { $0.lo.isZero || $0.hi.isZero }
        return (found, zeroCorner)
    }
}

extension Outcome.Sums {
    /// One ranged criterion that counts, at weight `w`.
    fileprivate mutating func add(_ item: WeightCorners.Varying, weight w: Rational) {
        let wa = w * item.attainment
        counted += w
        weighted += wa
        if item.groupB {
            countedB += w
            weightedB += wa
        }
    }
}
