import Testing
@testable import Congkhai

/// One rule for every CSV cell congkhai writes (open data and the published feedback).
@Suite struct CSVWriterTests {
    @Test func quotingAndFormulaPrefix() {
        #expect(CSVWriter.text("plain") == "plain")
        #expect(CSVWriter.text("a,b") == "\"a,b\"")
        #expect(CSVWriter.text("say \"hi\"") == "\"say \"\"hi\"\"\"")
        // A CRLF pair is one Character in Swift: it must still be quoted.
        #expect(CSVWriter.text("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVWriter.text("=1+1") == "'=1+1")
        #expect(CSVWriter.text("-5, or so") == "\"'-5, or so\"")
        #expect(CSVWriter.text("\rx") == "\"'\rx\"")
        var bytes: [UInt8] = []
        CSVBytes.text("@SUM(1)", into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == CSVWriter.text("@SUM(1)"))
    }

    /// The byte writers against a plain reference of RFC 4180 quoting.
    @Test func byteCellsMatchAPlainReference() throws {
        func reference(_ s: String) -> String {
            let t = ["=", "+", "-", "@", "\t", "\r"].contains(where: { s.unicodeScalars.first.map(String.init) == $0 }) ? "'" + s : s
            guard t.unicodeScalars.contains(where: { [",", "\"", "\n", "\r"].contains(String($0)) }) else { return t }
            return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        for text in ["", "plain", "a,b", "\"", "\"\"", "say \"hi\", ok", "x\"", "\"x", "dòng 1\r\ndòng 2", "=1+1", "-5, or so",
                     "Nguyễn \"Văn\" Đức", String(repeating: "ab\"", count: 50)] {
            var bytes: [UInt8] = []
            CSVBytes.text(text, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == reference(text), "\(text)")
        }
        for iso in ["2026-03-01", "0999-12-31", "2024-02-29", "9999-01-09", "0001-01-01"] {
            let day = try #require(Day(iso: iso))
            var bytes: [UInt8] = []
            CSVBytes.day(day, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == day.description)
        }
    }
}
