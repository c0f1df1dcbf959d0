import Foundation

/// CSV cells for open data: RFC 4180 quoting plus the formula-injection rule.
public enum CSVWriter {
    /// A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`
    /// so spreadsheets do not evaluate it; numbers are written by callers
    /// through `number` and are never prefixed.
    public static func text(_ s: String) -> String {
        var v = s
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            v = "'" + v
        }
        return quoteIfNeeded(v)
    }

    public static func number(_ x: Rational?, places: Int = 2) -> String {
        guard let x else { return "" }
        return Number.format(x, places: places)
    }

    static func quoteIfNeeded(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    public static func row(_ cells: [String]) -> String { cells.joined(separator: ",") + "\r\n" }
}
