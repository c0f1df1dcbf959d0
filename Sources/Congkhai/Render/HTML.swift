import Foundation

/// Escaping for every output context; templates escape by default, these
/// cover what Swift code writes directly (SVG, XML, attributes).
public enum HTML {
    /// The entity a byte is written as in text and attribute values — the
    /// five swift-mustache escaped — or nil: one table for the template
    /// engine's escaper and for these.
    @inline(__always)
    static func entity(_ b: UInt8) -> StaticString? {
        switch b {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        case UInt8(ascii: "'"): return "&#39;"
        default: return nil
        }
    }

    /// Text and double- or single-quoted attribute values.
    /// Control characters other than tab and newline, and U+FFFE/U+FFFF, are
    /// dropped: they are not allowed in HTML or XML. Worked on the UTF-8
    /// bytes, and text with nothing to escape (most of it) is returned as it
    /// is: the scalar-by-scalar version was 5 % of a build (Atom feeds).
    public static func escape(_ s: String) -> String {
        var s = s
        let clean = s.withUTF8 { u in !u.contains { $0 < 0x20 || $0 == 0xEF || entity($0) != nil } }
        if clean { return s }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count + 16)
        escape(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(s)`'s bytes appended to `out`: for what is written as bytes
    /// (Atom feeds), where each escaped piece was a `String` grown by
    /// appends (~360 instructions an append; the feeds made the most).
    static func escape(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { u in
            var start = 0, i = 0
            while i < u.count {
                let b = u[i]
                if let entity = entity(b) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                    entity.withUTF8Buffer { out.append(contentsOf: $0) }
                    i += 1
                    start = i
                } else if b < 0x20, b != UInt8(ascii: "\n"), b != UInt8(ascii: "\t") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                    i += 1
                    start = i
                } else if b == 0xEF, i + 2 < u.count, u[i + 1] == 0xBF, u[i + 2] == 0xBE || u[i + 2] == 0xBF {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                    i += 3  // U+FFFE, U+FFFF
                    start = i
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<u.count]))
        }
    }
}
