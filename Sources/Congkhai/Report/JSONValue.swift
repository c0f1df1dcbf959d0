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
        String(decoding: bytes(pretty: pretty), as: UTF8.self)
    }

    /// The document as UTF-8 bytes (what files are written from): pretty
    /// through `JSONWriter`, the one place that form is written; compact
    /// (`pretty: false`, the build state) with no whitespace at all.
    public func bytes(pretty: Bool = true) -> [UInt8] {
        guard pretty else {
            var out: [UInt8] = []
            out.reserveCapacity(1024)
            writeCompact(into: &out)
            return out
        }
        var w = JSONWriter()
        w.value(self)
        return w.finish()
    }

    /// `.object(pairs + [(last, .array(items))]).bytes()`, pretty, with
    /// each item made by `item` and written at once, never all held: the
    /// national `scores.json` and explanations index are 50,000 objects,
    /// whose values together were a ~100 MB transient at the page
    /// stage's peak for a 35 MB file.
    public static func bytes(_ pairs: [(String, JSONValue)], last: String, count: Int,
                             item: (Int) -> JSONValue) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        for (k, v) in pairs { w.key(k); w.value(v) }
        w.key(last)
        w.openArray()
        for i in 0..<count { w.item(); w.value(item(i)) }
        w.closeArray()
        w.closeObject()
        return w.finish()
    }

    private func writeCompact(into out: inout [UInt8]) {
        switch self {
        case let .object(pairs):
            out.append(0x7B)
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONValue.quote(k, htmlSafe: true, into: &out)
                out.append(0x3A)
                v.writeCompact(into: &out)
            }
            out.append(0x7D)
        case let .array(items):
            out.append(0x5B)
            for (i, v) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                v.writeCompact(into: &out)
            }
            out.append(0x5D)
        case let .string(s): JSONValue.quote(s, htmlSafe: true, into: &out)
        case let .number(x, places): out.append(contentsOf: Number.format(x, places: places).utf8)
        case let .integer(i): out.append(contentsOf: String(i).utf8)
        case let .raw(s): out.append(contentsOf: s.utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
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
        var out: [UInt8] = []
        quote(s, htmlSafe: htmlSafe, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func quote(_ s: String, htmlSafe: Bool, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { b in
            // Room for the string and its quotes, doubling: `reserveCapacity`
            // alone allocates exactly what is asked, so a document of many
            // strings was copied into a new, barely larger buffer (memory
            // the kernel faults in) every few strings.
            if out.capacity - out.count < b.count + 2 { out.reserveCapacity(Swift.max(out.count + b.count + 2, 2 * out.capacity)) }
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
        }
    }
}
