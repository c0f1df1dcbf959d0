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
