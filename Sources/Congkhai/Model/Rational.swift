import BigInt

/// An exact rational number: every quantity between the inputs and a
/// published score is one of these (DESIGN.md, "Rounding").
///
/// Why not `Double` or `Decimal`: 1.5 × 0.15 × (1 − 69/180) / 3 × 100 is
/// exactly 4.625, but binary floating point computes 4.62499…, and "half away
/// from zero" then publishes 4.62 instead of 4.63; `Decimal` fails the same way
/// after a division by 3. A fraction of two integers has no such error.
///
/// Why three storages: nearly every value in scoring has a numerator and a
/// denominator that fit in 64 bits, and products of two such fit in 128 bits,
/// so the common path needs no allocation. National-size feedback makes
/// rating priors fractions whose parts need 70–120 bits; those stay in
/// 128-bit words (`medium`, arithmetic checked for overflow) instead of
/// allocating big integers for every step of 32 weight corners per
/// official. Only when a checked operation overflows 128 bits does it move
/// to big integers (attaswift/BigInt), so nothing can overflow whatever the
/// input.
///
/// Invariant (so that `==` and hashing are structural): the denominator is
/// positive, numerator and denominator are coprime, and the value is stored
/// `small` whenever both parts fit in `Int64`, else `medium` whenever both
/// fit in `Int128`, else `big`.
public struct Rational: Sendable, Hashable {
    /// `medium` and `big` are boxed (`indirect`): inline, two `BigInt`s made
    /// every `Rational` 80 bytes (48 with two `Int128`s), for cases only large
    /// sums reach. Boxed, a value is 24 bytes — a country's scores, targets
    /// and progress are millions of them (−320 MB on the 2 M-row national
    /// copy's `score`, measured no slower: the 128-bit tier still avoids big
    /// integers, and a box costs less than the memory it saves).
    enum Storage: Sendable, Hashable {
        case small(Int64, Int64)
        indirect case medium(Int128, Int128)
        indirect case big(BigInt, BigInt)
    }

    var storage: Storage

    public static let zero = Rational(0)
    public static let one = Rational(1)
    public static let hundred = Rational(100)

    public init(_ value: Int) {
        storage = .small(Int64(value), 1)
    }

    /// `numerator / denominator`; the denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational with a zero denominator")
        self = Rational.reduced(Int128(numerator), Int128(denominator))
    }

    init(big numerator: BigInt, _ denominator: BigInt) {
        precondition(!denominator.isZero, "Rational with a zero denominator")
        self = Rational.reduced(numerator, denominator)
    }

    // MARK: - Parts

    public var numerator: BigInt {
        switch storage {
        case let .small(n, _): return BigInt(n)
        case let .medium(n, _): return BigInt(n)
        case let .big(n, _): return n
        }
    }

    public var denominator: BigInt {
        switch storage {
        case let .small(_, d): return BigInt(d)
        case let .medium(_, d): return BigInt(d)
        case let .big(_, d): return d
        }
    }

    public var isZero: Bool {
        if case let .small(n, _) = storage { return n == 0 }
        return false
    }

    public var isNegative: Bool {
        switch storage {
        case let .small(n, _): return n < 0
        case let .medium(n, _): return n < 0
        case let .big(n, _): return n.sign == .minus && !n.isZero
        }
    }

    public var isInteger: Bool {
        switch storage {
        case let .small(_, d): return d == 1
        case let .medium(_, d): return d == 1
        case let .big(_, d): return d == 1
        }
    }

    /// The value as an `Int` when it is a whole number that fits.
    public var intValue: Int? {
        guard case let .small(n, 1) = storage else { return nil }
        return Int(exactly: n)
    }

    /// For drawing only (bar widths, chart coordinates): never for a published number.
    public var approximateDouble: Double {
        switch storage {
        case let .small(n, d): return Double(n) / Double(d)
        case let .medium(n, d): return Double(n) / Double(d)
        case let .big(n, d):
            // Scale to keep 18 significant digits before the one lossy division.
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            return Double(q) + Double(r * BigInt(1_000_000_000_000_000_000) / d) / 1e18
        }
    }

    // MARK: - Normalisation

    static func reduced(_ n: Int128, _ d: Int128) -> Rational {
        var n = n, d = d
        if d < 0 {
            // Int128.min cannot be negated; take the big path for that corner.
            if n == .min || d == .min { return reduced(BigInt(n), BigInt(d)) }
            n = -n
            d = -d
        }
        if n == 0 { return Rational(storage: .small(0, 1)) }
        // Whole numbers (sums of points, counts) are already reduced: the
        // binary GCD with 1 still loops over the numerator's bits.
        if d == 1 { return canonical(n, d) }
        let g = gcd(n.magnitude, d.magnitude)
        if g > 1 {
            n /= Int128(g)
            d /= Int128(g)
        }
        return canonical(n, d)
    }

    /// Storage for an already reduced fraction with a positive denominator.
    private static func canonical(_ n: Int128, _ d: Int128) -> Rational {
        if let sn = Int64(exactly: n), let sd = Int64(exactly: d) {
            return Rational(storage: .small(sn, sd))
        }
        return Rational(storage: .medium(n, d))
    }

    /// A big integer as a 128-bit word when it fits. Built from the
    /// magnitude's words: the generic `Int128(exactly:)` reads BigInt's
    /// two's-complement words of a negative value off by 2^64 (found by
    /// `storagesAgreeWithBigIntegerArithmetic`).
    static func wide(_ v: BigInt) -> Int128? {
        let words = v.magnitude.words
        var m: UInt128 = 0
        for (i, w) in words.enumerated() where w != 0 {
            guard i < 2 else { return nil }
            m |= UInt128(w) << (64 * i)
        }
        if v.sign == .minus && !v.isZero {
            if m == UInt128(1) << 127 { return .min }
            guard m < UInt128(1) << 127 else { return nil }
            return -Int128(m)
        }
        guard m < UInt128(1) << 127 else { return nil }
        return Int128(m)
    }

    /// Numerator and denominator as 128-bit words (small and medium values).
    var wide: (Int128, Int128)? {
        switch storage {
        case let .small(n, d): return (Int128(n), Int128(d))
        case let .medium(n, d): return (n, d)
        case .big: return nil
        }
    }

    /// `a·b`, nil on overflow.
    private static func times(_ a: Int128, _ b: Int128) -> Int128? {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        return o ? nil : p
    }

    static func reduced(_ n: BigInt, _ d: BigInt) -> Rational {
        // Parts that fit 128 bits are reduced by the word-sized binary GCD
        // (big integers' division-based one allocates at every step); the
        // 128-bit path sends Int128.min back here, so it stays on big integers.
        if let wn = wide(n), let wd = wide(d), wn != .min, wd != .min { return reduced(wn, wd) }
        var n = n, d = d
        if d.sign == .minus {
            n.negate()
            d.negate()
        }
        if n.isZero { return Rational(storage: .small(0, 1)) }
        let g = n.greatestCommonDivisor(with: d)
        if g != 1 {
            n /= g
            d /= g
        }
        if let wn = wide(n), let wd = wide(d) {
            return canonical(wn, wd)
        }
        return Rational(storage: .big(n, d))
    }

    private init(storage: Storage) { self.storage = storage }

    /// Binary GCD on the narrowest words that hold the operands: most
    /// reductions (sums of two 64-bit fractions) have a 64-bit operand, and
    /// one remainder brings the other down to it; 128-bit shifts and
    /// compares cost several instructions each (17 % of national scoring).
    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var a = a, b = b
        if a == 0 { return b }
        if b == 0 { return a }
        if a < b { swap(&a, &b) }
        if b <= UInt128(UInt64.max) {
            if a > UInt128(UInt64.max) {
                a %= b
                if a == 0 { return b }
            }
            return UInt128(binaryGCD(UInt64(a), UInt64(b)))
        }
        return binaryGCD(a, b)
    }

    /// Stein's algorithm: shifts and subtractions only, on any word width.
    static func binaryGCD<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
        var a = a, b = b
        if a == 0 { return b }
        if b == 0 { return a }
        let shift = (a | b).trailingZeroBitCount
        a >>= a.trailingZeroBitCount
        repeat {
            b >>= b.trailingZeroBitCount
            if a > b { swap(&a, &b) }
            b -= a
        } while b != 0
        return a << shift
    }

    // MARK: - Arithmetic

    public static func + (x: Rational, y: Rational) -> Rational {
        if case let .small(a, b) = x.storage, case let .small(c, d) = y.storage {
            if b == d { return reduced(Int128(a) + Int128(c), Int128(b)) }
            return reduced(Int128(a) * Int128(d) + Int128(c) * Int128(b), Int128(b) * Int128(d))
        }
        if let (a, b) = x.wide, let (c, d) = y.wide {
            if b == d {
                let (s, o) = a.addingReportingOverflow(c)
                if !o { return reduced(s, b) }
            } else if let ad = times(a, d), let cb = times(c, b), let bd = times(b, d) {
                let (s, o) = ad.addingReportingOverflow(cb)
                if !o { return reduced(s, bd) }
            }
        }
        return reduced(x.numerator * y.denominator + y.numerator * x.denominator, x.denominator * y.denominator)
    }

    public static prefix func - (x: Rational) -> Rational {
        switch x.storage {
        case let .small(n, d):
            if n != .min { return Rational(storage: .small(-n, d)) }
            return reduced(-Int128(n), Int128(d))
        case let .medium(n, d):
            // -n may fit 64 bits again (n = 2^63); canonical decides.
            if n != .min { return canonical(-n, d) }
            return reduced(-BigInt(n), BigInt(d))
        case let .big(n, d): return reduced(-n, d)
        }
    }

    public static func - (x: Rational, y: Rational) -> Rational { x + (-y) }

    public static func * (x: Rational, y: Rational) -> Rational {
        if case let .small(a, b) = x.storage, case let .small(c, d) = y.storage {
            return reduced(Int128(a) * Int128(c), Int128(b) * Int128(d))
        }
        if let (a, b) = x.wide, let (c, d) = y.wide {
            // Cross-reduce first: keeps products inside 128 bits more often.
            if let g1 = Int128(exactly: gcd(a.magnitude, d.magnitude)), let g2 = Int128(exactly: gcd(c.magnitude, b.magnitude)),
               g1 > 0, g2 > 0, let n = times(a / g1, c / g2), let m = times(b / g2, d / g1) {
                return reduced(n, m)
            }
        }
        return reduced(x.numerator * y.numerator, x.denominator * y.denominator)
    }

    /// Division; the divisor must not be zero (callers check N/A cases first).
    public static func / (x: Rational, y: Rational) -> Rational {
        precondition(!y.isZero, "division of a Rational by zero")
        if case let .small(a, b) = x.storage, case let .small(c, d) = y.storage {
            return reduced(Int128(a) * Int128(d), Int128(b) * Int128(c))
        }
        if let (a, b) = x.wide, let (c, d) = y.wide {
            if let g1 = Int128(exactly: gcd(a.magnitude, c.magnitude)), let g2 = Int128(exactly: gcd(d.magnitude, b.magnitude)),
               g1 > 0, g2 > 0, let n = times(a / g1, d / g2), let m = times(b / g2, c / g1) {
                return reduced(n, m)
            }
        }
        return reduced(x.numerator * y.denominator, x.denominator * y.numerator)
    }

    public static func += (x: inout Rational, y: Rational) { x = x + y }
    public static func -= (x: inout Rational, y: Rational) { x = x - y }
    public static func *= (x: inout Rational, y: Rational) { x = x * y }

    public static func + (x: Rational, y: Int) -> Rational { x + Rational(y) }
    public static func * (x: Rational, y: Int) -> Rational { x * Rational(y) }
    public static func * (x: Int, y: Rational) -> Rational { Rational(x) * y }
    public static func / (x: Rational, y: Int) -> Rational { x / Rational(y) }

    /// Clamped to [lo, hi].
    public func clamped(_ lo: Rational, _ hi: Rational) -> Rational { Swift.min(hi, Swift.max(lo, self)) }
}

extension Rational: Comparable {
    public static func < (x: Rational, y: Rational) -> Bool {
        if case let .small(a, b) = x.storage, case let .small(c, d) = y.storage {
            if b == d { return a < c }
            return Int128(a) * Int128(d) < Int128(c) * Int128(b)
        }
        if let (a, b) = x.wide, let (c, d) = y.wide, let ad = times(a, d), let cb = times(c, b) {
            return ad < cb
        }
        return x.numerator * y.denominator < y.numerator * x.denominator
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

// MARK: - Decimal text in and out

extension Rational {
    /// Parses a plain decimal literal exactly: `15`, `-2.5`, `0.15`, `1e3`,
    /// `2.5E-1`. Nil for anything else (no hex, no `inf`, no locale commas).
    /// Exponents beyond ±400 are refused: no real input needs them and they
    /// would make the number itself huge.
    public init?(decimal text: String) {
        var text = text
        guard let v = text.withUTF8({ Rational(decimalBytes: $0) }) else { return nil }
        self = v
    }

    /// The same from UTF-8 bytes: a feedback row's rating is read in place
    /// from its CSV field. Made into a `String` (normalised to NFC) first, a
    /// rating cost ~460 instructions, 7 % of a 1M-row `score`; for a literal,
    /// which is ASCII, NFC changes nothing (fifty-sixth session).
    init?(decimalBytes text: UnsafeBufferPointer<UInt8>) {
        // Fast path without allocation for the usual short literal (a rating,
        // a target); anything longer or with an exponent takes the general path.
        var mantissa: Int64 = 0
        var digits = 0, fraction = 0
        var sawPoint = false, negative = false, simple = true
        var index = 0
        var start = true
        for c in text {
            if start && (c == 0x20 || c == 0x09) { continue }
            if start && (c == UInt8(ascii: "-") || c == UInt8(ascii: "+")) {
                negative = c == UInt8(ascii: "-")
                start = false
                continue
            }
            start = false
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                if digits >= 18 { simple = false; break }
                mantissa = mantissa * 10 + Int64(c - UInt8(ascii: "0"))
                digits += 1
                if sawPoint { fraction += 1 }
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                simple = false
                break
            }
            index += 1
        }
        if simple && digits > 0 {
            var value = Rational.reduced(Int128(negative ? -mantissa : mantissa), Int128(Rational.smallPowerOfTen(fraction)))
            if value.isZero { value = .zero }
            self = value
            return
        }
        guard let v = Rational(generalDecimal: String(decoding: text, as: UTF8.self)) else { return nil }
        self = v
    }

    static func smallPowerOfTen(_ n: Int) -> Int64 {
        var p: Int64 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// The general parser: long digit strings, exponents, surrounding tabs.
    init?(generalDecimal text: String) {
        var bytes = Substring(text).utf8[...]
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 { bytes = bytes.dropLast() }
        var negative = false
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        var exponent = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                sawDigit = true
                digits.append(c - UInt8(ascii: "0"))
                if sawPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && sawDigit {
                var rest = bytes[bytes.index(after: i)...]
                var expNegative = false
                if let f = rest.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
                    expNegative = f == UInt8(ascii: "-")
                    rest = rest.dropFirst()
                }
                guard !rest.isEmpty, rest.count <= 4 else { return nil }
                var e = 0
                for d in rest {
                    guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") else { return nil }
                    e = e * 10 + Int(d - UInt8(ascii: "0"))
                }
                exponent = expNegative ? -e : e
                i = bytes.endIndex
                break
            } else {
                return nil
            }
            i = bytes.index(after: i)
        }
        guard sawDigit else { return nil }
        let scale = exponent - fractionDigits
        guard abs(exponent) <= 400, digits.count <= 4_000 else { return nil }
        // Leading zeros do not change the value; keep the integer small when possible.
        while digits.count > 1, digits.first == 0 { digits.removeFirst() }
        var value: Rational
        if digits.count <= 18 {
            var n: Int64 = 0
            for d in digits { n = n * 10 + Int64(d) }
            value = Rational(storage: .small(n, 1))
        } else {
            var n = BigInt(0)
            for d in digits { n = n * 10 + BigInt(d) }
            value = Rational(big: n, 1)
        }
        if scale > 0 { value = value * Rational.powerOfTen(scale) }
        if scale < 0 { value = value / Rational.powerOfTen(-scale) }
        self = negative ? -value : value
    }

    static func powerOfTen(_ n: Int) -> Rational {
        if n <= 18 {
            var p: Int64 = 1
            for _ in 0..<n { p *= 10 }
            return Rational(storage: .small(p, 1))
        }
        return Rational(big: BigInt(10).power(n), 1)
    }

    /// This value times 10^places, rounded half away from zero to an integer.
    /// Computed on the exact value: 4.625 → 463 at 2 places, 4.62499… → 462.
    public func scaledRounded(places: Int) -> BigInt {
        if let (negative, m) = wideScaledRounded(places: places) {
            return negative ? -BigInt(m) : BigInt(m)
        }
        let p = Rational.powerOfTen(places)
        let scaled = self * p
        let n = scaled.numerator, d = scaled.denominator
        let (q, r) = n.magnitude.quotientAndRemainder(dividingBy: d.magnitude)
        var result = q
        if r * 2 >= d.magnitude { result += 1 }
        let signed = BigInt(result)
        return n.sign == .minus ? -signed : signed
    }

    /// The same in 128 bits when n·10^places fits (half away from zero, no
    /// allocation); nil when it needs big integers. Weighted totals are often
    /// `medium`, and every corner of band robustness rounds one: through big
    /// integers that was ~4 % of `check` (decision 85).
    private func wideScaledRounded(places: Int) -> (negative: Bool, magnitude: UInt128)? {
        guard places <= 18, let (n, d) = wide else { return nil }
        let (scaled, overflow) = n.magnitude.multipliedReportingOverflow(by: UInt128(Rational.smallPowerOfTen(places)))
        guard !overflow else { return nil }
        // d < 2^127, so r < d and 2r cannot overflow.
        let q = scaled / d.magnitude, r = scaled % d.magnitude
        return (n < 0, r * 2 >= d.magnitude ? q + 1 : q)
    }

    /// Rounded half away from zero to a whole number (0 when it does not fit an `Int`).
    public var roundedInt: Int {
        if case let .small(n, d) = storage {
            let q = n.magnitude / UInt64(d), r = n.magnitude % UInt64(d)
            let m = Int(r * 2 >= UInt64(d) ? q + 1 : q)
            return n < 0 ? -m : m
        }
        return Int(exactly: scaledRounded(places: 0)) ?? 0
    }

    /// Rounded half away from zero to `places` decimals, still exact.
    public func rounded(places: Int = 2) -> Rational {
        if let (negative, m) = wideScaledRounded(places: places), m < UInt128(1) << 127 {
            return Rational.reduced(negative ? -Int128(m) : Int128(m), Int128(Rational.smallPowerOfTen(places)))
        }
        return Rational(big: scaledRounded(places: places), Rational.powerOfTen(places).numerator)
    }

    /// Exactly `places` decimals after rounding: "83.13", "0.00", "-1.50".
    public func fixed(places: Int = 2) -> String {
        decimal(places: places, trimmed: false)
    }

    /// Shortest plain form at most `places` decimals: 15 → "15", 0.8 → "0.8",
    /// 83.125 → "83.13". Used for JSON and CSV numbers.
    public func format(places: Int = 2) -> String {
        decimal(places: places, trimmed: true)
    }

    /// Both forms from the rounded digits, built as bytes: pages print a
    /// dozen numbers per official, so this path avoids big integers (for
    /// small values) and repeated `String` surgery. A value that rounds to
    /// zero never carries a minus sign.
    func decimal(places: Int, trimmed: Bool) -> String {
        if let (negative, m) = wideScaledRounded(places: places), let small = UInt64(exactly: m) {
            return Rational.decimal(small, negative: negative && small != 0, places: places, trimmed: trimmed)
        }
        return generalDecimal(places: places, trimmed: trimmed)
    }

    /// `decimal` for a rounded magnitude that fits 64 bits (every score,
    /// count and share on a page): its digits written into the string's own
    /// bytes (a small string up to 15), not through `String(m)`, arrays and
    /// a decoding copy. `RationalDecimalTests` compares it with
    /// `generalDecimal`.
    static func decimal(_ m: UInt64, negative: Bool, places: Int, trimmed: Bool) -> String {
        // m's digits, right-aligned in 24 bytes, padded with zeros to at least places + 1.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &digits) { raw -> String in
            let b = raw.bindMemory(to: UInt8.self)
            var start = 24, v = m
            repeat {
                start -= 1
                b[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v != 0
            while 24 - start < places + 1 {
                start -= 1
                b[start] = UInt8(ascii: "0")
            }
            let cut = 24 - places
            // A minus sign only on a non-zero magnitude (the caller's), so a
            // value that rounds to zero has none, trimmed or not.
            var end = 24
            if trimmed { while end > cut, b[end - 1] == UInt8(ascii: "0") { end -= 1 } }
            let count = (negative ? 1 : 0) + (cut - start) + (end > cut ? 1 + end - cut : 0)
            return String(unsafeUninitializedCapacity: count) { out in
                var at = 0
                if negative { out[0] = UInt8(ascii: "-"); at = 1 }
                for i in start..<cut { out[at] = b[i]; at += 1 }
                if end > cut {
                    out[at] = UInt8(ascii: "."); at += 1
                    for i in cut..<end { out[at] = b[i]; at += 1 }
                }
                return at
            }
        }
    }

    /// `decimal` by way of `String` digits, for any magnitude.
    func generalDecimal(places: Int, trimmed: Bool) -> String {
        var digits: [UInt8]
        var negative: Bool
        if let (neg, m) = wideScaledRounded(places: places) {
            digits = Array(String(m).utf8)
            negative = neg && m != 0
        } else {
            let scaled = scaledRounded(places: places)
            digits = Array(String(scaled.magnitude).utf8)
            negative = scaled.sign == .minus && !scaled.isZero
        }
        var out = [UInt8]()
        out.reserveCapacity(digits.count + 3)
        if places > 0 {
            if digits.count <= places {
                digits = [UInt8](repeating: UInt8(ascii: "0"), count: places - digits.count + 1) + digits
            }
            let cut = digits.count - places
            var end = digits.count
            if trimmed { while end > cut, digits[end - 1] == UInt8(ascii: "0") { end -= 1 } }
            if trimmed && end == cut && digits[..<cut].allSatisfy({ $0 == UInt8(ascii: "0") }) { negative = false }
            if negative { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: digits[..<cut])
            if end > cut {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[cut..<end])
            }
        } else {
            if negative { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: digits)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Rational {
    /// The exact decimal text of a value with a finite decimal expansion
    /// (every number parsed from decimal text): `4.5`, `3.123456789123`, `-2`.
    /// A value without one (1/3) is written with 18 decimals, rounded.
    public var decimalText: String {
        if case let .small(n, d) = storage {
            // Fast path: d = 2^a·5^b within 18 decimals, written with integer arithmetic.
            var rest = d, places = 0
            while rest % 10 == 0 { rest /= 10; places += 1 }
            while rest % 2 == 0 || rest % 5 == 0 { rest /= (rest % 2 == 0 ? 2 : 5); places += 1 }
            if rest == 1 && places <= 18 {
                let scale = Rational.smallPowerOfTen(places)
                let scaled = Int128(n) * Int128(scale / d)
                let mag = scaled.magnitude
                let whole = mag / UInt128(scale), frac = mag % UInt128(scale)
                var text = (n < 0 ? "-" : "") + String(whole)
                if places > 0 {
                    var f = String(frac)
                    f = String(repeating: "0", count: places - f.count) + f
                    text += "." + f
                }
                return text
            }
        }
        var places = 0
        var d = denominator
        while d % 10 == 0 { d /= 10; places += 1 }
        while d % 2 == 0 || d % 5 == 0 {
            if d % 2 == 0 { d /= 2 } else { d /= 5 }
            places += 1
            if places > 400 { break }
        }
        return format(places: d == 1 ? places : 18)
    }
}

extension Rational: CustomStringConvertible {
    /// `3/8`, `-2`, `1/3`: the exact value, for explanations and tests.
    public var description: String {
        switch storage {
        case let .small(n, d): return d == 1 ? String(n) : "\(n)/\(d)"
        case let .medium(n, d): return d == 1 ? String(n) : "\(n)/\(d)"
        case let .big(n, d): return d == 1 ? String(n) : "\(n)/\(d)"
        }
    }
}
