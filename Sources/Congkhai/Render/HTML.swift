import Foundation

/// Escaping for every output context; templates escape by default, these
/// cover what Swift code writes directly (SVG, XML, attributes).
public enum HTML {
    /// Text and double- or single-quoted attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline are not allowed in HTML or XML.
                if c.value < 0x20 && c != "\n" && c != "\t" { continue }
                if (0xFFFE...0xFFFF).contains(c.value) { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
