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
    static func grouped(_ plain: String, marks: Marks) -> String {
        var plain = plain
        return plain.withUTF8 { b in
            // Up to three digits, no sign, no decimals: nothing to regroup.
            if b.count <= 3, b.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return String(decoding: b, as: UTF8.self) }
            var i = 0
            var out = [UInt8]()
            out.reserveCapacity(b.count + b.count / 3 + 8)
            if b.first == UInt8(ascii: "-") { out.append(contentsOf: "−".utf8); i = 1 }
            let dot = b[i...].firstIndex(of: UInt8(ascii: ".")) ?? b.count
            for j in i..<dot {
                if j > i, (dot - j) % 3 == 0 { out.append(contentsOf: marks.thousands.utf8) }
                out.append(b[j])
            }
            if dot < b.count {
                out.append(contentsOf: marks.decimal.utf8)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[(dot + 1)...]))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
