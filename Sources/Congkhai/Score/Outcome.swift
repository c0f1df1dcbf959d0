/// Everything after the criterion attainments, for one set of weights:
/// weighted total, audit deductions, rounding, band, downgrades and caps, the
/// group-B gate (DESIGN.md, "Adjustments after the weighted total").
///
/// One function for the published score and for every corner of the weight
/// box (band robustness), so the two can never follow different rules.
struct Outcome {
    var countedWeight: Rational
    var weightedTotal: Rational
    var adjustedTotal: Rational
    var total: Rational
    var bandFromTotal: Int
    var band: Int
    var audits: [AuditEffect]
    var gate: GateResult?

    /// The weighted sums one set of weights gives, over the criteria that
    /// count: all the rest of an outcome depends on the weights through them.
    /// Kept apart so the corners of the weight box can move them by one
    /// weight at a time (`WeightCorners`) instead of summing every criterion
    /// again at every corner.
    struct Sums {
        var counted = Rational.zero
        var weighted = Rational.zero
        /// The same over group B, for the gate.
        var countedB = Rational.zero
        var weightedB = Rational.zero
        /// Some group-B criterion counts (independent of the weights).
        var anyB = false

        init(criteria: [CriterionResult], weights: [Rational]) {
            for (i, c) in criteria.enumerated() where c.counts {
                let w = weights[i]
                let wa = w * (c.attainment ?? .zero)
                counted += w
                weighted += wa
                if c.group == .b {
                    anyB = true
                    countedB += w
                    weightedB += wa
                }
            }
        }
    }

    init(criteria: [CriterionResult], weights: [Rational], audits: [Audit], framework: Framework, asOf: Day,
         explain: Bool = true) {
        self.init(sums: Sums(criteria: criteria, weights: weights), audits: audits, framework: framework, asOf: asOf,
                  explain: explain)
    }

    init(sums: Sums, audits: [Audit], framework: Framework, asOf: Day, explain: Bool = true) {
        let attainmentB = framework.gate != nil && sums.anyB && !sums.countedB.isZero ? sums.weightedB / sums.countedB : nil
        self.init(countedWeight: sums.counted, weightedTotal: sums.counted.isZero ? .zero : sums.weighted / sums.counted,
                  attainmentB: attainmentB, audits: audits, framework: framework, asOf: asOf, explain: explain)
    }

    /// The rules themselves, from the two quotients the weights give: the
    /// weighted total (zero when no weight counts) and the group-B
    /// attainment (nil when no group-B criterion counts or there is no
    /// gate). `WeightCorners` computes those quotients its own cheaper way
    /// and calls this, so a corner and the published score share every rule.
    init(countedWeight: Rational, weightedTotal: Rational, attainmentB: Rational?, audits: [Audit], framework: Framework,
         asOf: Day, explain: Bool = true) {
        self.countedWeight = countedWeight
        self.weightedTotal = weightedTotal

        // Audits dated after D are ignored; deductions come before rounding.
        var effects: [AuditEffect] = []
        var adjusted = weightedTotal
        for a in audits where a.on <= asOf {
            if case let .deduct(n) = a.action {
                let before = adjusted
                adjusted = max(.zero, adjusted - n)
                if explain { effects.append(AuditEffect(audit: a, applied: true, before: Number.fixed(before), after: Number.fixed(adjusted))) }
            }
        }
        adjustedTotal = adjusted
        total = adjusted.rounded(places: 2)
        bandFromTotal = framework.bandIndex(for: total)
        var band = bandFromTotal
        let lowest = max(0, framework.bands.count - 1)
        for a in audits where a.on <= asOf {
            let before = band
            switch a.action {
            case .deduct: continue
            case let .downgrade(n): band = min(lowest, band + n)
            case let .cap(id): if let cap = framework.bandIndex(id: id) { band = max(band, cap) }
            }
            if explain {
                effects.append(AuditEffect(audit: a, applied: true, before: framework.bands[before].id, after: framework.bands[band].id))
            }
        }
        if explain {
            for a in audits where a.on > asOf { effects.append(AuditEffect(audit: a, applied: false, before: "", after: "")) }
            effects.sort { ($0.audit.file, $0.audit.line) < ($1.audit.file, $1.audit.line) }
        }
        self.audits = effects

        // The gate uses unrounded attainments, "below" is strict, and it never raises a band.
        if let g = framework.gate {
            var capped = false
            if let aB = attainmentB, aB < g.groupBMin, let cap = framework.bandIndex(id: g.capBand), cap > band {
                band = cap
                capped = true
            }
            gate = GateResult(attainment: attainmentB, minimum: g.groupBMin, capBand: g.capBand, capped: capped)
        }
        self.band = band
    }
}
