import Testing
@testable import Congkhai

/// The published feedback files and the ledger's row digests do not depend
/// on whether rows waited in memory or went through the spill file (a
/// national export spills; the demo never reaches the 32 MB threshold).
@Suite struct FeedbackExportTests {
    @Test func spillingEveryRowChangesNothingPublished() throws {
        let log = DiagnosticLog()
        let province = try #require(ContentValidator.validate(ContentLoader.load(DemoContentTests.root, log: log), log: log))
        let asOf = try #require(province.site.asOf)
        func export(budget: Int) -> (files: [OutputFile], rows: RowDigests) {
            let e = FeedbackExport(province: province, pseudonymKey: Array("k".utf8), bufferBudget: budget)
            _ = FeedbackIngest.run(province, asOf: asOf, log: DiagnosticLog(), export: e)
            var files: [OutputFile] = []
            e.files { files.append($0) }
            return (files, e.rows)
        }
        let kept = export(budget: FeedbackExport.bufferBudget), spilled = export(budget: 0)
        #expect(kept.files.count > 5)
        #expect(kept.files.map(\.path) == spilled.files.map(\.path))
        #expect(kept.files.map(\.bytes) == spilled.files.map(\.bytes))
        #expect(kept.rows.files == spilled.rows.files)
        #expect(kept.rows.records.map { $0.map(\.digest) } == spilled.rows.records.map { $0.map(\.digest) })
        #expect(kept.rows.counts.reduce(0, +) > 20_000)
    }
}
