import Foundation

/// CSV cells for open data: RFC 4180 quoting plus the formula-injection rule.
public enum CSVWriter {
    /// A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`
    /// so spreadsheets do not evaluate it; numbers are written by callers
    /// through `number` and are never prefixed.
    public static func text(_ s: String) -> String {
        var out: [UInt8] = []
        CSVBytes.text(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func number(_ x: Rational?, places: Int = 2) -> String {
        guard let x else { return "" }
        return Number.format(x, places: places)
    }

    /// Quoted when it holds a comma, a quote, CR or LF (checked on bytes: a
    /// CRLF pair is one `Character` and must still be quoted).
    static func quoteIfNeeded(_ s: String) -> String {
        var out: [UInt8] = []
        CSVBytes.quoted(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func row(_ cells: [String]) -> String { cells.joined(separator: ",") + "\r\n" }
}

/// CSV cells as bytes, with exactly `CSVWriter`'s rules: a leading `'` before
/// `= + - @`, tab or CR (text cells only), and quotes around a cell holding a
/// comma, a quote, CR or LF.
enum CSVBytes {
    static func plain(_ s: String, into out: inout [UInt8]) { quoted(s, into: &out) }

    /// The text as a text cell holds it (with the formula prefix when needed), before quoting.
    static func prefixed(_ s: String) -> String {
        if let f = s.utf8.first, f == 0x3D || f == 0x2B || f == 0x2D || f == 0x40 || f == 0x09 || f == 0x0D { return "'" + s }
        return s
    }

    static func text(_ s: String, into out: inout [UInt8]) {
        if let f = s.utf8.first, f == 0x3D || f == 0x2B || f == 0x2D || f == 0x40 || f == 0x09 || f == 0x0D {
            quoted("'" + s, into: &out)
        } else {
            quoted(s, into: &out)
        }
    }

    static func quoted(_ s: String, into out: inout [UInt8]) {
        let needs = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needs else { out.append(contentsOf: s.utf8); return }
        out.append(0x22)
        for b in s.utf8 {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }
}
