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

/// CSV rows as bytes, joined as `CSVWriter.row` joins them (cells separated
/// by commas, each row ended by CRLF), for tables written a cell at a time:
/// an array of strings per row, joined, was most of the feedback summary's
/// cost (the serial tail of a rebuild's open data).
struct CSVRowBytes {
    private(set) var bytes: [UInt8] = []
    private var atRowStart = true

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// A cell already in its CSV form (a number, a code, an empty cell).
    mutating func cell(_ s: String) {
        separate()
        bytes.append(contentsOf: s.utf8)
    }

    mutating func int(_ n: Int) { cell(String(n)) }

    /// A text cell, prefixed and quoted as `CSVWriter.text` does.
    mutating func text(_ s: String) {
        separate()
        CSVBytes.text(s, into: &bytes)
    }

    mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        atRowStart = true
    }

    private mutating func separate() {
        if !atRowStart { bytes.append(0x2C) }
        atRowStart = false
    }
}

/// CSV cells as bytes, with exactly `CSVWriter`'s rules: a leading `'` before
/// `= + - @`, tab or CR (text cells only), and quotes around a cell holding a
/// comma, a quote, CR or LF.
enum CSVBytes {
    static func plain(_ s: String, into out: inout [UInt8]) { quoted(s, into: &out) }

    /// A text cell starting with this byte gets the formula prefix `'`.
    @inline(__always) static func isFormulaStart(_ f: UInt8) -> Bool {
        f == 0x3D || f == 0x2B || f == 0x2D || f == 0x40 || f == 0x09 || f == 0x0D
    }

    /// A cell holding this byte is quoted.
    @inline(__always) static func needsQuotes(_ x: UInt8) -> Bool { x == 0x2C || x == 0x22 || x == 0x0A || x == 0x0D }

    /// The text as a text cell holds it (with the formula prefix when needed), before quoting.
    static func prefixed(_ s: String) -> String {
        if let f = s.utf8.first, isFormulaStart(f) { return "'" + s }
        return s
    }

    static func text(_ s: String, into out: inout [UInt8]) {
        if let f = s.utf8.first, isFormulaStart(f) {
            quoted("'" + s, into: &out)
        } else {
            quoted(s, into: &out)
        }
    }

    /// Over the string's contiguous UTF-8 (one scan, copies in runs): the
    /// export writes seven or eight cells for each of 20 million rows.
    static func quoted(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { b in
            var needs = false
            for x in b where needsQuotes(x) { needs = true; break }
            guard needs else { out.append(contentsOf: b); return }
            out.append(0x22)
            var start = 0
            for i in b.indices where b[i] == 0x22 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...i]))
                out.append(0x22)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
            out.append(0x22)
        }
    }

    /// `day.description`'s bytes (`YYYY-MM-DD`) without making the string.
    static func day(_ day: Day, into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 10))
        let wrote = out.withUnsafeMutableBufferPointer { b in b.baseAddress.map { day.write(vietnamese: false, to: $0 + start) } ?? false }
        if !wrote {
            out.removeLast(10)
            out.append(contentsOf: day.description.utf8)
        }
    }
}
