/// A pretty JSON document written straight into bytes, value by value:
/// two-space indent, `"key": value`, `{}` and `[]` when empty, a final
/// newline. The one place that form is written: `JSONValue.bytes()` writes
/// its trees through here (`value`), and large documents are written
/// without a tree at all.
///
/// An official's explanation (`data/explanations/`, one per official, 617
/// MB nationally) was built as a `JSONValue` of nested arrays of tuples,
/// written, then torn down: building, walking and freeing the tree cost
/// more than the bytes it gave (`callgrind`, 1,442-official province:
/// ~3.7 % of a build's instructions). Containers are opened and closed by
/// the caller; whether one is still empty is the one thing kept per level.
struct JSONWriter {
    private(set) var bytes: [UInt8]
    /// Open containers, innermost last: true while it has no member yet.
    private var empty: [Bool] = []

    init(capacity: Int = 16 * 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The document, with its final newline.
    consuming func finish() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    // MARK: - Containers

    mutating func openObject() { bytes.append(0x7B); empty.append(true) }
    mutating func closeObject() { close(0x7D) }
    mutating func openArray() { bytes.append(0x5B); empty.append(true) }
    mutating func closeArray() { close(0x5D) }

    private mutating func close(_ bracket: UInt8) {
        if empty.removeLast() == false { newline(depth: empty.count) }
        bytes.append(bracket)
    }

    /// Before an object's member: the comma, the line and the key.
    mutating func key(_ k: StaticString) {
        member()
        k.withUTF8Buffer { name in
            bytes.append(0x22)
            bytes.append(contentsOf: name)
            bytes.append(0x22)
        }
        bytes.append(0x3A)
        bytes.append(0x20)
    }

    /// A key not known when the program was written (an input's name), quoted.
    mutating func key(_ k: String) {
        member()
        JSONValue.quote(k, htmlSafe: true, into: &bytes)
        bytes.append(0x3A)
        bytes.append(0x20)
    }

    /// Before an array's item: the comma and the line.
    mutating func item() { member() }

    private mutating func member() {
        if let last = empty.indices.last {
            if empty[last] { empty[last] = false } else { bytes.append(0x2C) }
        }
        newline(depth: empty.count)
    }

    private mutating func newline(depth: Int) {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    // MARK: - Values (after `key` or `item`)

    /// A whole tree.
    mutating func value(_ v: JSONValue) {
        switch v {
        case let .object(pairs):
            openObject()
            for (k, member) in pairs { key(k); value(member) }
            closeObject()
        case let .array(items):
            openArray()
            for element in items { item(); value(element) }
            closeArray()
        case let .string(s): string(s)
        case let .number(x, places): number(x, places: places)
        case let .integer(i): integer(i)
        case let .raw(s): raw(s)
        case let .bool(b): bool(b)
        case .null: null()
        }
    }

    mutating func string(_ s: String) { JSONValue.quote(s, htmlSafe: true, into: &bytes) }
    mutating func number(_ x: Rational?, places: Int = 2) {
        guard let x else { return null() }
        bytes.append(contentsOf: Number.format(x, places: places).utf8)
    }
    mutating func integer(_ i: Int) { bytes.append(contentsOf: String(i).utf8) }
    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }
    mutating func bool(_ b: Bool) { bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    mutating func null() { bytes.append(contentsOf: "null".utf8) }
}
