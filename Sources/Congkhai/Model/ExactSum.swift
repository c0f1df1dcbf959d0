/// An exact running sum of decimal values such as ratings, cheap to add to
/// and to store per key.
///
/// Why not `Rational` everywhere: a province has millions of ratings, and a
/// rating is nearly always a short decimal (4, 4.5, 3.25). Those are added as
/// whole billionths in an `Int64`, which is exact (5 × 10⁹ per rating leaves
/// room for 1.8 billion ratings per sum); any value with more decimals goes to
/// an exact `Rational` remainder, so the total stays exact for every input.
public struct ExactSum: Sendable, Hashable {
    public static let unitsPerOne: Int64 = 1_000_000_000

    public private(set) var units: Int64 = 0
    public private(set) var remainder: Rational = .zero

    public init() {}

    /// A sum as `units` and `remainder` held it (the feedback cache's copy).
    init(units: Int64, remainder: Rational) {
        self.units = units
        self.remainder = remainder
    }

    /// `value` in billionths when it is a whole number of them, else nil.
    public static func units(_ value: Rational) -> Int64? {
        guard case let .small(n, d) = value.storage, unitsPerOne % d == 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: unitsPerOne / d)
        return overflow ? nil : v
    }

    public mutating func add(_ value: Rational) {
        if let u = ExactSum.units(value) { addUnits(u) } else { remainder += value }
    }

    public mutating func addUnits(_ u: Int64) {
        let (v, overflow) = units.addingReportingOverflow(u)
        if overflow {
            remainder += Rational(big: .init(u), .init(ExactSum.unitsPerOne))
        } else {
            units = v
        }
    }

    public mutating func add(_ other: ExactSum) {
        addUnits(other.units)
        if !other.remainder.isZero { remainder += other.remainder }
    }

    public var value: Rational {
        let u = Rational(big: .init(units), .init(ExactSum.unitsPerOne))
        return remainder.isZero ? u : u + remainder
    }
}
