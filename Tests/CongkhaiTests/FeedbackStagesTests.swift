import Foundation
import Testing
@testable import Congkhai

/// The accumulator and the export run on their own threads
/// (`FeedbackStages`), fed batches of rows; each must still see every row
/// in file order, across batch boundaries.
@Suite struct FeedbackStagesTests {
    @Test func rowsReachTallyAndExportInFileOrderAcrossBatches() throws {
        // A rating, then more than two batches of other rows, then the same
        // respondent's new rating of the same official on the same date: the
        // later row must win. Rows dated before the period are counted as
        // valid but never exported.
        let filler = FeedbackLanes.blockSize * 2 + 100
        var csv = TestContent.feedbackHeader
        csv += "first,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,p1,1,,,,,,\n"
        for i in 0..<filler {
            let date = i % 10 == 0 ? "2025-12-31" : "2026-03-02"
            csv += "s\(i),\(date),portal,xa-an-binh,,,suggestion,citizen,,,,,,,,\n"
        }
        csv += "last,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,p1,5,,,,,,\n"
        var c = TestContent()
        c["feedback/a.csv"] = csv
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog()
        let province = try #require(ContentValidator.validate(ContentLoader.load(root, log: log), log: log))
        let asOf = try #require(province.site.asOf)
        let export = FeedbackExport(province: province, pseudonymKey: Array("k".utf8))
        let result = FeedbackIngest.run(province, asOf: asOf, log: log, export: export)

        let ratings = result.tally.ratings[0]
        #expect(ratings.count(of: [.citizen]) == 1)
        #expect(ratings.sum(of: [.citizen]) == Rational(5))
        #expect(result.tally.validRows == filler + 2)
        let outside = (0..<filler).filter { $0 % 10 == 0 }.count
        #expect(result.tally.inWindowRows == filler + 2 - outside)

        var files: [OutputFile] = []
        export.files { files.append($0) }
        let gz = try #require(files.first { $0.path == "data/feedback/xa-an-binh.csv.gz" })
        let text = String(decoding: try #require(Gzip.decompress(gz.bytes)), as: UTF8.self)
        // Lines end in CRLF (one Character in Swift): split the bytes.
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n")).dropFirst()
        let ids = lines.map { line in String(decoding: line.prefix { $0 != UInt8(ascii: ",") }, as: UTF8.self) }
        var expected = ["first"]
        for i in 0..<filler where i % 10 != 0 { expected.append("s\(i)") }
        expected.append("last")
        #expect(ids.count == expected.count)
        var outOfOrder = 0
        for (got, want) in zip(ids, expected) where got != want { outOfOrder += 1 }
        #expect(outOfOrder == 0)
    }
}
