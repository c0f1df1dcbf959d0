/// A JSON document built in code and printed deterministically: object keys
/// keep the order they were added in, numbers use `Number.format`.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Rational, places: Int)
    case integer(Int)
    /// A number already in JSON form (e.g. an exact `Number.format`).
    case raw(String)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    public static func num(_ x: Rational?, places: Int = 2) -> JSONValue {
        guard let x else { return .null }
        return .number(x, places: places)
    }

    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : -1)
        if pretty { out += "\n" }
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pretty = indent >= 0
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        switch self {
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + pad }
                out += JSONValue.quote(k)
                out += pretty ? ": " : ":"
                v.write(into: &out, indent: pretty ? indent + 1 : -1)
            }
            if pretty { out += "\n" + closePad }
            out += "}"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, v) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + pad }
                v.write(into: &out, indent: pretty ? indent + 1 : -1)
            }
            if pretty { out += "\n" + closePad }
            out += "]"
        case let .string(s): out += JSONValue.quote(s)
        case let .number(x, places): out += Number.format(x, places: places)
        case let .integer(i): out += String(i)
        case let .raw(s): out += s
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// JSON string literal. By default `<`, `>`, `&` and line separators are
    /// escaped too, so the text is also safe inside an HTML `<script>` block;
    /// `htmlSafe: false` gives the minimal escaping of canonical JSON (the
    /// ledger's, which common tools must reproduce byte for byte).
    ///
    /// Over UTF-8 bytes, copying unescaped runs whole (a scalar-by-scalar
    /// loop appending to a `String` was 5 % of a build: every explanation,
    /// search entry and ledger line goes through here).
    public static func quote(_ s: String, htmlSafe: Bool = true) -> String {
        var s = s
        return s.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 2)
            out.append(0x22)
            var start = 0, i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                var length = 1
                let escape: String
                switch c {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08 where !htmlSafe: escape = "\\b"
                case 0x0C where !htmlSafe: escape = "\\f"
                case 0x3C where htmlSafe: escape = "\\u003c"
                case 0x3E where htmlSafe: escape = "\\u003e"
                case 0x26 where htmlSafe: escape = "\\u0026"
                case 0xE2 where htmlSafe && i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                    escape = b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    escape = "\\u00" + String(decoding: [hex[Int(c >> 4)], hex[Int(c & 0xF)]], as: UTF8.self)
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                out.append(contentsOf: escape.utf8)
                i += length
                start = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<n]))
            out.append(0x22)
            return String(decoding: out, as: UTF8.self)
        }
    }
}
