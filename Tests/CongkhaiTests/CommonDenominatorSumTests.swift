import BigInt
import Testing
@testable import Congkhai

/// `CommonDenominatorSum` against plain `Rational` sums: every subset of the
/// steps, added and taken away in Gray-code order, and the quotient of two
/// such sums, for parts from a few bits to past 128 (both storages, and the
/// edge where a subset sum would overflow 128-bit words).
@Suite struct CommonDenominatorSumTests {
    @Test func movesAndQuotientsAgreeWithRationalArithmetic() {
        var rng = SplitMix(seed: 0xC0DE_5077)
        func part(_ bits: Int) -> BigInt {
            var v = BigInt(0)
            for _ in 0..<((bits + 63) / 64) { v = (v << 64) + BigInt(rng.next()) }
            return v >> max(0, ((bits + 63) / 64) * 64 - bits)
        }
        func term() -> Rational {
            let bits = [1, 7, 30, 62, 64, 90, 125, 126, 127, 140][Int(rng.next() % 10)]
            var n = part(bits)
            if rng.next() % 2 == 0 { n = -n }
            // Denominators: often shared or 1, sometimes large.
            let d: BigInt = [BigInt(1), BigInt(7), BigInt(100), part(40) + 1, part(63) + 1][Int(rng.next() % 5)]
            return Rational(big: n, d)
        }
        for _ in 0..<300 {
            let topTerms = (0..<Int(rng.next() % 5)).map { _ in term() }
            let bottomTerms = (0..<topTerms.count).map { _ in term() }
            let topBase = term(), bottomBase = term()
            var top = CommonDenominatorSum(base: topBase, steps: topTerms)
            var bottom = CommonDenominatorSum(base: bottomBase, steps: bottomTerms)
            var on = [Bool](repeating: false, count: topTerms.count)
            for corner in 0..<(1 << topTerms.count) {
                if corner > 0 {
                    let bit = corner.trailingZeroBitCount
                    on[bit].toggle()
                    top.move(bit, up: on[bit])
                    bottom.move(bit, up: on[bit])
                }
                var t = topBase, b = bottomBase
                for i in on.indices where on[i] { t += topTerms[i]; b += bottomTerms[i] }
                #expect(top.isZero == t.isZero && bottom.isZero == b.isZero)
                if !b.isZero { #expect(CommonDenominatorSum.quotient(top, bottom) == t / b, "\(t) / \(b)") }
            }
        }
    }

    @Test func sumsThatCouldOverflow128BitsAreKeptBig() {
        // Each term fits 127 bits, their sum does not: the 128-bit form would trap.
        let near = Rational(big: (BigInt(1) << 126) + 5, 1)
        var s = CommonDenominatorSum(base: near, steps: [near, near])
        s.move(0, up: true)
        s.move(1, up: true)
        let one = CommonDenominatorSum(base: .one, steps: [])
        #expect(CommonDenominatorSum.quotient(s, one) == near + near + near)
    }
}
