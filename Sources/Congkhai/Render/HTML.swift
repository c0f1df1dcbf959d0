import Foundation

/// Escaping for every output context; templates escape by default, these
/// cover what Swift code writes directly (SVG, XML, attributes).
public enum HTML {
    /// Text and double- or single-quoted attribute values.
    /// Control characters other than tab and newline, and U+FFFE/U+FFFF, are
    /// dropped: they are not allowed in HTML or XML. Worked on the UTF-8
    /// bytes, and text with nothing to escape (most of it) is returned as it
    /// is: the scalar-by-scalar version was 5 % of a build (Atom feeds).
    public static func escape(_ s: String) -> String {
        var s = s
        let escaped: [UInt8]? = s.withUTF8 { u in
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x20 || b == 0xEF || b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
                    || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { break }
                i += 1
            }
            if i == u.count { return nil }
            var out = [UInt8](UnsafeBufferPointer(rebasing: u[0..<i]))
            out.reserveCapacity(u.count + 16)
            while i < u.count {
                let b = u[i]
                i += 1
                switch b {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                case UInt8(ascii: "\n"), UInt8(ascii: "\t"): out.append(b)
                case 0..<0x20: continue
                case 0xEF where i + 1 < u.count && u[i] == 0xBF && (u[i + 1] == 0xBE || u[i + 1] == 0xBF):
                    i += 2  // U+FFFE, U+FFFF
                default: out.append(b)
                }
            }
            return out
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? s
    }

    /// `escape(s)`'s bytes appended to `out`: for what is written as bytes
    /// (Atom feeds), where each escaped piece was a `String` grown by
    /// appends (~360 instructions an append; the feeds made the most).
    static func escape(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { u in
            var start = 0, i = 0
            while i < u.count {
                let entity: StaticString
                switch u[i] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                case UInt8(ascii: "\n"), UInt8(ascii: "\t"): i += 1; continue
                case 0..<0x20: entity = ""
                case 0xEF where i + 2 < u.count && u[i + 1] == 0xBF && (u[i + 2] == 0xBE || u[i + 2] == 0xBF):
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                    i += 3  // U+FFFE, U+FFFF
                    start = i
                    continue
                default: i += 1; continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                entity.withUTF8Buffer { out.append(contentsOf: $0) }
                i += 1
                start = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<u.count]))
        }
    }
}
