/// Number text that never depends on locale or `printf`: every published
/// number goes through here, from an exact `Rational`, rounded once.
public enum Number {
    /// Rounds half away from zero to `places` decimals on the exact value.
    public static func round(_ x: Rational, places: Int = 2) -> Rational { x.rounded(places: places) }

    /// Fixed decimals ("83.13", "0.00", "-1.50").
    public static func fixed(_ x: Rational, places: Int = 2) -> String { x.fixed(places: places) }

    /// Shortest plain form for a value rounded to at most `places` decimals:
    /// 15 → "15", 0.8 → "0.8", 83.125 → "83.13". Used as a JSON number.
    public static func format(_ x: Rational, places: Int = 2) -> String { x.format(places: places) }

    /// Parses a plain decimal literal (`15`, `-2.5`, `1e3`) exactly, without locale.
    public static func parse(_ text: String) -> Rational? { Rational(decimal: text) }
}

/// Numbers for people, in one place: pages, charts, explanations and the
/// terminal all write numbers this way. The marks are the theme's words
/// (`number_thousands`, `number_decimal` in strings.yaml): Vietnamese groups
/// thousands with `.` and marks decimals with `,` (`1.234,5`), English the
/// other way round; without them, the Vietnamese marks.
extension Number {
    /// The language's two marks, looked up once: a page shows hundreds of
    /// numbers, and two hashed lookups for each were ~1 % of the page stage.
    public struct Marks: Sendable {
        let thousands: String
        let decimal: String

        public init(_ strings: [String: String]) {
            thousands = strings["number_thousands"] ?? "."
            decimal = strings["number_decimal"] ?? ","
        }
    }

    /// At most `places` decimals (trailing zeros dropped unless `fixed`), grouped by three.
    public static func display(_ x: Rational, places: Int = 2, fixed: Bool = false, strings: [String: String]) -> String {
        display(x, places: places, fixed: fixed, marks: Marks(strings))
    }

    public static func display(_ x: Rational, places: Int = 2, fixed: Bool = false, marks: Marks) -> String {
        grouped(fixed ? x.fixed(places: places) : x.format(places: places), marks: marks)
    }

    /// A count: `12.619` on Vietnamese pages, `12,619` on English ones.
    public static func display(_ n: Int, strings: [String: String]) -> String {
        display(n, marks: Marks(strings))
    }

    public static func display(_ n: Int, marks: Marks) -> String {
        // Up to three digits (most counts on a page): nothing to regroup.
        if n >= 0 && n < 1000 { return String(n) }
        return grouped(String(n), marks: marks)
    }

    /// Regroups a plain `-1234.5` with the language's marks and a true minus sign.
    ///
    /// Written straight into the new string's storage: through an array of
    /// bytes decoded into a `String` it was an allocation, a copy and a
    /// validation more for each of the hundreds of numbers on a page.
    static func grouped(_ plain: String, marks: Marks) -> String {
        var plain = plain
        var thousands = marks.thousands, decimal = marks.decimal
        return plain.withUTF8 { b in
            thousands.withUTF8 { th in
                decimal.withUTF8 { dm in
                    let minus = b.first == UInt8(ascii: "-")
                    let i = minus ? 1 : 0
                    let dot = b[i...].firstIndex(of: UInt8(ascii: ".")) ?? b.count
                    // Up to three digits, no sign, no decimals: nothing to regroup.
                    if !minus, dot == b.count, b.count <= 3 { return String(decoding: b, as: UTF8.self) }
                    let digits = dot - i
                    let groups = digits > 0 ? (digits - 1) / 3 : 0
                    let size = (minus ? 3 : 0) + digits + groups * th.count + (dot < b.count ? dm.count + b.count - dot - 1 : 0)
                    return String(unsafeUninitializedCapacity: size) { out in
                        var n = 0
                        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                            for c in bytes { out[n] = c; n += 1 }
                        }
                        if minus { for c in "−".utf8 { out[n] = c; n += 1 } }
                        for j in i..<dot {
                            if j > i, (dot - j) % 3 == 0 { put(th) }
                            out[n] = b[j]; n += 1
                        }
                        if dot < b.count {
                            put(dm)
                            put(UnsafeBufferPointer(rebasing: b[(dot + 1)...]))
                        }
                        return n
                    }
                }
            }
        }
    }
}
