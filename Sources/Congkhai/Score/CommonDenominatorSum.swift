import BigInt

/// A sum of exact fractions whose terms are known in advance, kept as one
/// integer numerator over a common denominator of every term (their least
/// common multiple), so adding or removing a term is an integer addition.
///
/// Why: the corners of the weight box (`WeightCorners`) move each weighted
/// sum by one term per corner. As `Rational`s every move was a sum of two
/// fractions reduced by a greatest common divisor, and on national feedback
/// the satisfaction criterion's attainment has a 70–120-bit denominator, so
/// those divisors ran on big integers: ~8 % of a national `check`. Over a
/// common denominator the divisors are computed once per official, and a
/// corner's quotient is reduced once (`quotient(_:_:)`).
///
/// Why two storages: the common denominator and the numerators nearly
/// always fit 128-bit words, where arithmetic allocates nothing; big
/// integers take over only when they do not (the same rule as `Rational`).
struct CommonDenominatorSum {
    private enum Storage {
        /// Every subset sum of the terms fits (|base| + Σ|step| < 2^126).
        case wide(numerator: Int128, denominator: Int128, steps: [Int128])
        case big(numerator: BigInt, denominator: BigInt, steps: [BigInt])
    }

    private var storage: Storage

    /// `base` plus none of the steps yet.
    init(base: Rational, steps terms: [Rational]) {
        if let wide = CommonDenominatorSum.wide(base: base, terms: terms) {
            storage = wide
            return
        }
        var d = base.denominator
        for t in terms where t.denominator != d {
            d = d / d.greatestCommonDivisor(with: t.denominator) * t.denominator
        }
        storage = .big(numerator: base.numerator * (d / base.denominator), denominator: d,
                       steps: terms.map { $0.numerator * (d / $0.denominator) })
    }

    /// The 128-bit form, or nil when some part or subset sum could outgrow it.
    private static func wide(base: Rational, terms: [Rational]) -> Storage? {
        guard let (bn, bd) = base.wide else { return nil }
        let parts = terms.map(\.wide)
        var d = bd
        for case let (_, td)? in parts where td != d {
            let g = Int128(Rational.gcd(d.magnitude, td.magnitude))
            let (l, overflow) = (d / g).multipliedReportingOverflow(by: td)
            if overflow { return nil }
            d = l
        }
        // Scaled numerators, and a bound on any sum of them (below 2^126,
        // which also keeps every value off Int128.min).
        func scaled(_ n: Int128, _ den: Int128) -> Int128? {
            let (v, overflow) = n.multipliedReportingOverflow(by: d / den)
            return overflow ? nil : v
        }
        let limit = UInt128(1) << 126
        guard let numerator = scaled(bn, bd), numerator.magnitude < limit else { return nil }
        var steps: [Int128] = []
        steps.reserveCapacity(terms.count)
        var bound = numerator.magnitude
        for p in parts {
            guard let (tn, td) = p, let s = scaled(tn, td) else { return nil }
            let (b, overflow) = bound.addingReportingOverflow(s.magnitude)
            if overflow || b >= limit { return nil }
            bound = b
            steps.append(s)
        }
        return .wide(numerator: numerator, denominator: d, steps: steps)
    }

    /// Adds step `i` (`up`) or takes it away.
    mutating func move(_ i: Int, up: Bool) {
        switch storage {
        case let .wide(n, d, steps): storage = .wide(numerator: up ? n + steps[i] : n - steps[i], denominator: d, steps: steps)
        case let .big(n, d, steps): storage = .big(numerator: up ? n + steps[i] : n - steps[i], denominator: d, steps: steps)
        }
    }

    var isZero: Bool {
        switch storage {
        case let .wide(n, _, _): return n == 0
        case let .big(n, _, _): return n.isZero
        }
    }

    private var parts: (numerator: BigInt, denominator: BigInt) {
        switch storage {
        case let .wide(n, d, _): return (BigInt(n), BigInt(d))
        case let .big(n, d, _): return (n, d)
        }
    }

    /// `top / bottom` as one reduced `Rational`; `bottom` must not be zero.
    static func quotient(_ top: CommonDenominatorSum, _ bottom: CommonDenominatorSum) -> Rational {
        if case let .wide(tn, td, _) = top.storage, case let .wide(bn, bd, _) = bottom.storage {
            let (n, o1) = tn.multipliedReportingOverflow(by: bd), (d, o2) = td.multipliedReportingOverflow(by: bn)
            if !o1 && !o2 { return Rational.reduced(n, d) }
        }
        let (tn, td) = top.parts, (bn, bd) = bottom.parts
        return Rational(big: tn * bd, td * bn)
    }
}
