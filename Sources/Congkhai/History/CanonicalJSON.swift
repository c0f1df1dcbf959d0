/// The ledger's canonical JSON (DESIGN.md, "History and the ledger"): object
/// keys sorted by their UTF-8 bytes, no spaces, UTF-8 text with only `"`, `\`
/// and control characters escaped — what Python's
/// `json.dumps(x, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
/// prints — so anyone can recompute an entry's hash with common tools.
/// Numbers keep their exact text (`JSONValue.raw`), never a binary double.
enum CanonicalJSON {
    static func serialize(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The canonical text as UTF-8 bytes, written as bytes: every build
    /// serializes each published ledger entry again to check its hash, and
    /// building a `String` piece by piece was ~40 % of that check.
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, into: &out)
        return out
    }

    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case let .object(pairs):
            out.append(UInt8(ascii: "{"))
            // Entries read back are already in order: no sorted copy then.
            let sorted = zip(pairs, pairs.dropFirst()).allSatisfy({ UTF8Order.precedes($0.0.0, $0.1.0) })
                ? pairs : pairs.sorted { UTF8Order.precedes($0.0, $1.0) }
            for (i, (k, v)) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.quote(k, htmlSafe: false, into: &out)
                out.append(UInt8(ascii: ":"))
                write(v, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (i, v) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(v, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .string(s): JSONValue.quote(s, htmlSafe: false, into: &out)
        case let .number(x, places): out.append(contentsOf: Number.format(x, places: places).utf8)
        case let .integer(i): out.append(contentsOf: String(i).utf8)
        case let .raw(s): out.append(contentsOf: s.utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    // MARK: - Reading

    /// Parses JSON text; numbers stay exact text (`.raw`), object keys keep
    /// their order. Nil on anything that is not one well-formed JSON value.
    static func parse(_ text: String) -> JSONValue? { parse(Array(text.utf8)) }

    /// The same, from UTF-8 bytes (a ledger line as read).
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        guard let v = p.value(depth: 0) else { return nil }
        p.skipSpace()
        return p.i == p.bytes.count ? v : nil
    }

    /// A line parsed, with the places of its top-level members when its
    /// bytes are already the canonical text of what was parsed.
    struct ParsedLine {
        var value: JSONValue
        /// Each top-level member's bytes (key through value), in order; nil
        /// unless the line is canonical: valid UTF-8, no space between
        /// tokens, keys strictly ascending by their bytes at every level,
        /// strings without escapes (those `write` makes are few; a line
        /// with one is simply not taken as canonical here).
        var members: [(key: String, range: Range<Int>)]?
    }

    /// Parses one ledger line and tells where its members are when it is
    /// canonical: then the canonical text of the object without a member is
    /// the line without that member's bytes and one comma — which is how
    /// `LedgerFile` checks a hash without writing the entry again.
    static func parseLine(_ bytes: [UInt8]) -> ParsedLine? {
        var p = Parser(bytes: bytes)
        p.tracksMembers = true
        p.skipSpace()
        guard let v = p.value(depth: 0) else { return nil }
        p.skipSpace()
        guard p.i == p.bytes.count else { return nil }
        let valid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) == nil }
        guard case .object = v, p.canonical, valid else { return ParsedLine(value: v, members: nil) }
        return ParsedLine(value: v, members: p.members)
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        /// False once anything was read that `write` would not write back
        /// byte for byte (only tracked with `tracksMembers`).
        var canonical = true
        var tracksMembers = false
        /// The top-level object's members (with `tracksMembers`).
        var members: [(key: String, range: Range<Int>)] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            let start = i
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            if i != start { canonical = false }
        }

        mutating func literal(_ s: String) -> Bool {
            let b = Array(s.utf8)
            guard i + b.count <= bytes.count, Array(bytes[i..<(i + b.count)]) == b else { return false }
            i += b.count
            return true
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard depth < 64, i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [(String, JSONValue)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                while true {
                    skipSpace()
                    let memberStart = i
                    guard let k = string() else { return nil }
                    if tracksMembers, let last = pairs.last, !UTF8Order.precedes(last.0, k) { canonical = false }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    skipSpace()
                    guard let v = value(depth: depth + 1) else { return nil }
                    if tracksMembers, depth == 0 { members.append((k, memberStart..<i)) }
                    pairs.append((k, v))
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                    return nil
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [JSONValue] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    skipSpace()
                    guard let v = value(depth: depth + 1) else { return nil }
                    items.append(v)
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    return nil
                }
            case UInt8(ascii: "\""):
                return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default:
                let start = i
                while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
                guard i > start else { return nil }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                guard Rational(decimal: text) != nil else { return nil }
                return .raw(text)
            }
        }

        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            // Most strings hold no escape: taken whole, not byte by byte.
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: bytes[start..<(i - 1)], as: UTF8.self)
            }
            var out = Array(bytes[start..<i])
            canonical = false  // an escape (or a control character, refused below)
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                if c < 0x20 { return nil }
                if c == UInt8(ascii: "\\") {
                    i += 1
                    guard i < bytes.count else { return nil }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard let u = hex4() else { return nil }
                        var scalarValue = u
                        if u >= 0xD800 && u < 0xDC00 {
                            guard literal("\\u"), let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                            scalarValue = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: return nil
                    }
                    continue
                }
                out.append(c)
                i += 1
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                i += 1
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v * 16 + UInt32(c - 48)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v * 16 + UInt32(c - 87)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v * 16 + UInt32(c - 55)
                default: return nil
                }
            }
            return v
        }
    }
}

extension JSONValue {
    /// The value of `key` in an object.
    subscript(key: String) -> JSONValue? {
        guard case let .object(pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// A whole number from `.integer` or `.raw` text.
    var intValue: Int? {
        switch self {
        case let .integer(i): return i
        case let .raw(s): return Int(s)
        default: return nil
        }
    }
}
