import Testing
@testable import Congkhai

/// `JSONWriter` writes what `JSONValue.bytes()` writes for the same
/// document: the explanations moved from the one to the other without a
/// published byte changing.
@Suite struct JSONWriterTests {
    /// `value` written through the writer, container by container.
    static func write(_ value: JSONValue, into w: inout JSONWriter) {
        switch value {
        case let .object(pairs):
            w.openObject()
            for (k, v) in pairs { w.key(k); write(v, into: &w) }
            w.closeObject()
        case let .array(items):
            w.openArray()
            for v in items { w.item(); write(v, into: &w) }
            w.closeArray()
        case let .string(s): w.string(s)
        case let .number(x, places): w.number(x, places: places)
        case let .integer(i): w.integer(i)
        case let .raw(s): w.raw(s)
        case let .bool(b): w.bool(b)
        case .null: w.null()
        }
    }

    static func written(_ value: JSONValue) -> [UInt8] {
        var w = JSONWriter(capacity: 16)
        write(value, into: &w)
        return w.finish()
    }

    @Test func sameBytesAsTheTree() {
        let third = Rational(1, 3)
        let documents: [JSONValue] = [
            .object([]), .array([]), .null, .string("a\"b\\c<d>&e\u{2028}\n\u{1}"), .integer(-42),
            .object([("a", .object([])), ("b", .array([])), ("c", .array([.object([]), .array([.array([])])]))]),
            .object([("số", .number(third, places: 6)), ("n", .num(nil)), ("x", .raw("1.50")), ("t", .bool(true)), ("f", .bool(false))]),
            .array([.object([("k", .array([.integer(1), .integer(2)]))]), .string(""), .object([("deep", .object([("er", .array([.null]))]))])]),
        ]
        for d in documents {
            #expect(Self.written(d) == d.bytes(), "\(d.serialized())")
        }
    }

    @Test func keysGivenAsStaticTextAreWrittenAsIs() {
        var w = JSONWriter()
        w.openObject()
        w.key("id"); w.string("x")
        w.key("n"); w.number(Rational(5, 2))
        w.key("none"); w.number(nil)
        w.closeObject()
        #expect(w.finish() == JSONValue.object([("id", .string("x")), ("n", .number(Rational(5, 2), places: 2)), ("none", .null)]).bytes())
    }
}
