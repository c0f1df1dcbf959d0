import Testing
@testable import Congkhai

/// `JSONValue.quote` works on bytes; the scalar-by-scalar version it
/// replaced is kept here as the reference, and both must agree on every
/// escape in both modes (the ledger's canonical JSON depends on it).
@Suite struct JSONQuoteTests {
    static func reference(_ s: String, htmlSafe: Bool) -> String {
        var out = "\""
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

    @Test func agreesWithTheScalarReference() {
        var cases = ["", "plain", "Nguyễn Văn Đức", "<script>alert(1)</script> & co", "a\u{2028}b\u{2029}c\u{2027}\u{202A}",
                     "\u{2028}", "x\u{2029}", "\u{E2}\u{80}", "quote \" back \\ slash", "🙂 \u{1F600}", "\r\n\t"]
        cases.append(String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self))
        cases.append(String((0..<0x20).map { Character(Unicode.Scalar($0)) }) + "end")
        for s in cases {
            for html in [true, false] {
                #expect(JSONValue.quote(s, htmlSafe: html) == JSONQuoteTests.reference(s, htmlSafe: html), "\(Array(s.utf8)) html: \(html)")
            }
        }
    }

    /// The published JSON files' layout, byte for byte (explanations,
    /// scores, the manifest): two-space indents, `": "` after a key, empty
    /// containers on one line, a final newline; compact without any space.
    @Test func documentsKeepTheirLayout() {
        let doc = JSONValue.object([
            ("name", .string("Xã <An> \"Bình\"")),
            ("score", .num(Rational(171, 2))),
            ("count", .integer(-3)),
            ("ok", .bool(true)),
            ("none", .null),
            ("empty", .object([])),
            ("list", .array([.integer(1), .array([]), .object([("k", .raw("1.50"))])])),
        ])
        let pretty = """
        {
          "name": "Xã \\u003cAn\\u003e \\"Bình\\"",
          "score": 85.5,
          "count": -3,
          "ok": true,
          "none": null,
          "empty": {},
          "list": [
            1,
            [],
            {
              "k": 1.50
            }
          ]
        }

        """
        #expect(doc.serialized() == pretty)
        #expect(doc.bytes() == Array(pretty.utf8))
        #expect(doc.serialized(pretty: false)
            == "{\"name\":\"Xã \\u003cAn\\u003e \\\"Bình\\\"\",\"score\":85.5,\"count\":-3,\"ok\":true,\"none\":null,\"empty\":{},\"list\":[1,[],{\"k\":1.50}]}")
    }

    /// A document whose last member's items are written as they are made
    /// is byte for byte the document built whole, with items or without.
    @Test func aDocumentWrittenItemByItemIsTheWholeDocument() {
        let head: [(String, JSONValue)] = [("as_of", .string("2026-11-30")), ("nested", .object([("a", .array([.integer(1), .null])), ("b", .object([]))]))]
        let items: [JSONValue] = [.object([("id", .string("<x>")), ("n", .integer(2)), ("list", .array([.string("y"), .object([("k", .bool(true))])]))]),
                                  .string("plain"), .array([]), .integer(7)]
        for count in [0, 1, items.count] {
            let whole = JSONValue.object(head + [("officials", .array(Array(items.prefix(count))))]).bytes()
            #expect(JSONValue.bytes(head, last: "officials", count: count) { items[$0] } == whole, "\(count) items")
        }
        #expect(JSONValue.bytes([], last: "only", count: 1) { _ in .integer(1) } == JSONValue.object([("only", .array([.integer(1)]))]).bytes())
    }
}
