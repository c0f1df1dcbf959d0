import BigInt
import Testing
@testable import Congkhai

/// The exact number type every score is computed in.
@Suite struct RationalTests {
    func r(_ s: String) -> Rational {
        guard let v = Rational(decimal: s) else { preconditionFailure(s) }
        return v
    }

    @Test func parsesDecimalsExactly() {
        #expect(r("0.15") == Rational(3, 20))
        #expect(r("-2.5") == Rational(-5, 2))
        #expect(r("1e3") == Rational(1000))
        #expect(r("2.5E-1") == Rational(1, 4))
        #expect(r("007.50") == Rational(15, 2))
        #expect(r(" 4 ") == Rational(4))
        #expect(r("+1.") == Rational(1))
        for bad in ["", "abc", "1,5", "0x1F", "1e", "1e+", "--1", "1.2.3", "inf", "nan", "1e99999", "٣"] {
            #expect(Rational(decimal: bad) == nil, "\(bad)")
        }
    }

    @Test func arithmeticIsExact() {
        // The case binary floating point gets wrong: 1.5 × 0.15 × (1 − 69/180) / 3 × 100 = 4.625.
        let v = r("1.5") * r("0.15") * (1 - Rational(69, 180)) / 3 * 100
        #expect(v == Rational(37, 8))
        #expect(v.fixed() == "4.63")
        #expect((Rational(1, 3) + Rational(1, 6)) == Rational(1, 2))
        #expect(Rational(1, 3) * 3 == 1)
        #expect(Rational(2, 4).description == "1/2")
        #expect(Rational(-3, -6) == Rational(1, 2))
        #expect(Rational(3, -6) == Rational(-1, 2))
        #expect(Rational(1, 3) < Rational(1, 2))
        #expect(Rational(-1, 3) > Rational(-1, 2))
        #expect(max(Rational(7, 3), Rational(9, 4)) == Rational(7, 3))
    }

    @Test func overflowMovesToBigIntegersAndBack() {
        // (2^62 + 1)/3 squared does not fit in 64 bits; dividing back returns to the small form.
        let big = Rational(Int(1) << 62 + 1, 3)
        let sq = big * big
        if case .medium = sq.storage {} else { Issue.record("expected the 128-bit storage") }
        #expect(sq / big == big)
        let cube = sq * big
        if case .big = cube.storage {} else { Issue.record("expected the big-integer storage") }
        #expect(cube / big / big == big)
        if case .small = (sq / big).storage {} else { Issue.record("expected the small storage after reduction") }
        // A sum of many thirds with huge denominators stays exact.
        var s = Rational.zero
        for k in 1...60 { s += Rational(1, 3) / Rational(big: BigInt(1) << k, 1) }
        #expect(s == Rational(1, 3) * (1 - Rational(big: 1, BigInt(1) << 60)))
        // Int64.min edge: negation leaves 64 bits and stays correct.
        let m = Rational(Int(Int64.min))
        #expect(-(-m) == m)
        #expect((-m).numerator == -BigInt(Int64.min))
    }

    @Test(arguments: [
        ("4.625", "4.63"), ("4.624999999999", "4.62"), ("-2.675", "-2.68"), ("1.005", "1.01"), ("69.995", "70.00"),
        ("69.9949999999999999999", "69.99"), ("0.005", "0.01"), ("0.0049", "0.00"), ("-0.005", "-0.01"), ("99.995", "100.00"),
        ("12", "12.00"), ("0", "0.00"),
    ])
    func roundsHalfAwayFromZeroOnTheExactValue(value: String, expected: String) {
        #expect(r(value).fixed(places: 2) == expected)
    }

    @Test func thirdsAndSevenths() {
        // 209985/3000 = 69.995 exactly: a tie reached through a division by 3.
        #expect((r("2.09985") * 100 / 3).fixed() == "70.00")
        #expect((Rational(2, 3) * 100).fixed() == "66.67")
        #expect((Rational(1, 7) * 100).fixed() == "14.29")
        #expect(Rational(200, 3).format(places: 2) == "66.67")
        #expect(Rational(15, 2).format(places: 2) == "7.5")
        #expect(Rational(-1, 1000).format(places: 2) == "0")
    }

    /// Every operation on values of every storage agrees with the same
    /// fraction computed on big integers alone, and the result is stored
    /// canonically (small iff both parts fit 64 bits, medium iff 128).
    @Test func storagesAgreeWithBigIntegerArithmetic() {
        // The 128-bit conversion itself, around both ends of the range (the
        // standard library's generic one is wrong for negative BigInts).
        for v in [BigInt(1) << 127 - 1, -(BigInt(1) << 127), -(BigInt(1) << 64) - 7, BigInt(-3) << 70, BigInt(-5)] {
            #expect(Rational.wide(v).map { BigInt($0) } == v)
        }
        #expect(Rational.wide(BigInt(1) << 127) == nil && Rational.wide(-(BigInt(1) << 127) - 1) == nil)
        // Int128.min as a part: the 128-bit reduction cannot negate it and hands it back to big integers.
        #expect(Rational(big: -(BigInt(1) << 127), -3).numerator == BigInt(1) << 127)
        #expect(Rational(big: 6, -(BigInt(1) << 127)) == Rational(big: -3, BigInt(1) << 126))
        var rng = SplitMix(seed: 20261201)
        func part(_ bits: Int) -> BigInt {
            var v = BigInt(0)
            for _ in 0..<((bits + 63) / 64) { v = (v << 64) + BigInt(rng.next()) }
            return v >> max(0, ((bits + 63) / 64) * 64 - bits)
        }
        func value() -> (Rational, BigInt, BigInt) {
            let bits = [3, 20, 62, 63, 64, 65, 90, 126, 127, 128, 129, 200][Int(rng.next() % 12)]
            var n = part(bits), d = part(Int(rng.next() % 130) + 1) + 1
            if rng.next() % 2 == 0 { n = -n }
            let g = n.greatestCommonDivisor(with: d)
            if g > 1 { n /= g; d /= g }
            return (Rational(big: n, d), n, d)
        }
        func check(_ r: Rational, _ n: BigInt, _ d: BigInt, _ what: String) {
            var n = n, d = d
            if d < 0 { n = -n; d = -d }
            let g = n.greatestCommonDivisor(with: d)
            if n == 0 { d = 1 } else if g > 1 { n /= g; d /= g }
            #expect(r.numerator == n && r.denominator == d, "\(what)")
            switch r.storage {
            case .small: #expect(Int64(exactly: n) != nil && Int64(exactly: d) != nil, "\(what)")
            case .medium: #expect((Int64(exactly: n) == nil || Int64(exactly: d) == nil) && Rational.wide(n) != nil && Rational.wide(d) != nil, "\(what)")
            case .big: #expect(Rational.wide(n) == nil || Rational.wide(d) == nil, "\(what)")
            }
        }
        for _ in 0..<1000 {
            let (x, a, b) = value(), (y, c, d) = value()
            if let p = Rational.wide(BigInt(a.magnitude) * BigInt(c.magnitude % 1000 + 1)), let q = Rational.wide(BigInt(d)) {
                #expect(BigInt(Rational.gcd(p.magnitude, q.magnitude)) == (BigInt(a.magnitude) * BigInt(c.magnitude % 1000 + 1)).greatestCommonDivisor(with: d))
            }
            // Parts given with a negative denominator and a common factor,
            // through the 128-bit reduction when they fit and big integers when not.
            let k = BigInt(c.magnitude % 1000 + 1)
            check(Rational(big: a * k, -(b * k)), a * k, -(b * k), "\(a * k) / -\(b * k)")
            check(x + y, a * d + c * b, b * d, "\(x) + \(y)")
            check(x - y, a * d - c * b, b * d, "\(x) - \(y)")
            check(x * y, a * c, b * d, "\(x) * \(y)")
            if !y.isZero { check(x / y, a * d, b * c, "\(x) / \(y)") }
            check(-x, -a, b, "-\(x)")
            // Rounding (128-bit path when it fits) against big integers: half away from zero.
            for places in [0, 2, 18] {
                let scale = BigInt(10).power(places)
                let (q, r) = (a.magnitude * scale.magnitude).quotientAndRemainder(dividingBy: b.magnitude)
                let m = BigInt(r * 2 >= b.magnitude ? q + 1 : q)
                let n = a.sign == .minus ? -m : m
                #expect(x.scaledRounded(places: places) == n, "\(x) at \(places)")
                check(x.rounded(places: places), n, scale, "\(x) rounded at \(places)")
            }
            #expect((x < y) == (a * d < c * b), "\(x) < \(y)")
            #expect((x == y) == (a == c && b == d))
        }
    }

    /// Values past 64 bits take the big-integer path; both paths must write
    /// the same digits, signs and trimmed forms.
    @Test func bigAndSmallValuesWriteAlike() {
        let tiny = Rational(big: 1, BigInt(10).power(30))   // forces big storage when added
        for (value, fixed, format) in [("-2.675", "-2.68", "-2.68"), ("0.1", "0.10", "0.1"), ("-0.004", "0.00", "0"),
                                       ("1234567.5", "1234567.50", "1234567.5"), ("-7", "-7.00", "-7")] {
            #expect(r(value).fixed() == fixed && r(value).format() == format)
            let big = value.hasPrefix("-") ? r(value) - tiny : r(value) + tiny   // away from zero: no tie moves
            #expect(big.fixed() == fixed && big.format() == format, "\(value)")
        }
        #expect(r("12.5").fixed(places: 0) == "13" && r("-12.5").format(places: 0) == "-13")
        #expect(r("0.000001").format(places: 6) == "0.000001" && r("0.0000004").format(places: 6) == "0")
    }

    @Test func exactSumsOfRatings() {
        var s = ExactSum()
        for _ in 0..<3 { s.add(r("4.5")) }
        s.add(r("3.123456789123"))          // more decimals than billionths: kept exactly
        #expect(s.value == r("16.623456789123"))
        var t = ExactSum()
        t.add(s)
        t.add(r("0.000000001"))
        #expect(t.value == r("16.623456790123"))
    }

    @Test func decimalTextIsExact() {
        for s in ["4.5", "3.123456789123", "-2", "0.05", "12.5", "0", "1e-3", "2.50"] {
            #expect(Rational(decimal: r(s).decimalText) == r(s), "\(s) → \(r(s).decimalText)")
        }
        #expect(r("2.50").decimalText == "2.5" && r("-0.05").decimalText == "-0.05" && r("300").decimalText == "300")
        #expect(Rational(1, 3).decimalText == "0.333333333333333333")
    }
}

/// A tiny deterministic generator, so the differential tests are the same every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Numbers written into the string's own bytes against the general path
/// (string digits, arrays): every form, rounding, sign and zero.
@Suite struct RationalDecimalTests {
    @Test func bytesWriteWhatTheGeneralPathWrites() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next() -> Int { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return Int(truncatingIfNeeded: state >> 1) }
        var values: [Rational] = [0, 1, -1, Rational(1, 2), Rational(-1, 2), Rational(-1, 1000), Rational(1, 3), Rational(-2, 3),
                                  Rational(999_999, 1000), Rational(-5, 1000), Rational(Int.max), Rational(Int.min + 1), Rational(1, Int.max)]
        for _ in 0..<4000 {
            let scale = [1, 10, 1000, 1_000_000, 1_000_000_000_000][abs(next() % 5)]
            values.append(Rational(next() % (scale * 1000 + 1), max(1, abs(next() % scale) + 1)))
        }
        for v in values {
            for places in [0, 1, 2, 3, 6, 12, 18] {
                for trimmed in [false, true] {
                    #expect(v.decimal(places: places, trimmed: trimmed) == v.generalDecimal(places: places, trimmed: trimmed),
                            "\(v.decimalText) places \(places) trimmed \(trimmed)")
                }
            }
        }
    }
}
