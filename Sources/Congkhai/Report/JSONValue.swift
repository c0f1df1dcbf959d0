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
    public static func quote(_ s: String, htmlSafe: Bool = true) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}" where !htmlSafe: out += "\\b"
            case "\u{0C}" where !htmlSafe: out += "\\f"
            case "<" where htmlSafe: out += "\\u003c"
            case ">" where htmlSafe: out += "\\u003e"
            case "&" where htmlSafe: out += "\\u0026"
            case "\u{2028}" where htmlSafe: out += "\\u2028"
            case "\u{2029}" where htmlSafe: out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
