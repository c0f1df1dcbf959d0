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
        if case .big = sq.storage {} else { Issue.record("expected the big-integer storage") }
        #expect(sq / big == big)
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
