/// Number formatting and rounding that never depends on locale or `printf`.
public enum Number {
    /// Rounds half away from zero to `places` decimals, exactly on the binary
    /// value computed (not on its product with 10^places, which may itself
    /// round up to .5).
    public static func round(_ x: Double, places: Int = 2) -> Double {
        guard x.isFinite else { return x }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = x * scale
        var r = scaled.rounded(.toNearestOrAwayFromZero)
        // `scaled` may have rounded onto .5 exactly; fma gives the exact residual.
        if abs(scaled - scaled.rounded(.towardZero)) == 0.5 {
            let residual = (-scaled).addingProduct(x, scale) // x*scale - scaled, exactly
            if (scaled > 0 && residual < 0) || (scaled < 0 && residual > 0) {
                r = scaled.rounded(.towardZero)
            }
        }
        return r / scale
    }

    /// Fixed two decimals ("83.13", "0.00", "-1.50").
    public static func fixed(_ x: Double, places: Int = 2) -> String {
        let r = round(x, places: places)
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((r * Double(scale)).rounded(.toNearestOrAwayFromZero))
        let negative = scaled < 0
        let mag = abs(scaled)
        let whole = mag / scale
        let frac = mag % scale
        var fracText = String(frac)
        while fracText.count < places { fracText = "0" + fracText }
        return (negative ? "-" : "") + String(whole) + (places > 0 ? "." + fracText : "")
    }

    /// Shortest plain form for a value rounded to at most `places` decimals:
    /// 15 → "15", 0.8 → "0.8", 83.125 → "83.13". Used as a JSON number.
    public static func format(_ x: Double, places: Int = 2) -> String {
        var s = fixed(x, places: places)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s
    }

    /// Parses a plain decimal literal (`15`, `-2.5`, `1e3`) without locale.
    public static func parse(_ text: String) -> Double? {
        var bytes = Substring(text).utf8[...]
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { return nil }
        var sawDigit = false
        var prev: UInt8 = 0
        var first = true
        for c in bytes {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if !first && prev != UInt8(ascii: "e") && prev != UInt8(ascii: "E") { return nil }
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default: return nil
            }
            prev = c
            first = false
        }
        guard sawDigit, let v = Double(Substring(bytes)), v.isFinite else { return nil }
        return v
    }
}
