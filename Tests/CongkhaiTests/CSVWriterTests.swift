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
}
