import Foundation
import Testing
@testable import Congkhai

/// The published feedback files and the ledger's row digests do not depend
/// on whether rows waited in memory or went through the spill file (a
/// national export spills; the demo never reaches the 32 MB threshold).
@Suite struct FeedbackExportTests {
    /// The guessed-then-bracketed search finds exactly what a scan finds,
    /// keys present and absent, at both ends, in files of every size.
    @Test func rowIndexFindsWhatAScanFinds() {
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed ^ (seed >> 29)
        }
        for size in [0, 1, 2, 3, 17, 1000, 5000] {
            var d = RowDigests()
            let file = "f\(size).csv"
            let f = Int(d.index(of: file))
            for i in 0..<size { d.records[f].append(.init(key: .init(a: next(), b: UInt64(i % 3)), digest: UInt64(i))) }
            // Some keys share their first word (the second decides).
            if size > 10 { d.records[f].append(.init(key: .init(a: d.records[f][3].key.a, b: 99), digest: 7)) }
            // Appended directly (to choose the keys): sorted here as `seal()` sorts.
            d.records[f].sort { $0.key.a != $1.key.a ? $0.key.a < $1.key.a : $0.key.b < $1.key.b }
            let recs = d.records[f]
            for (i, r) in recs.enumerated() where d.index(file: f, key: r.key) != i {
                Issue.record("size \(size): row \(i) not found where it is")
            }
            var absent: [RowDigests.Key] = [.init(a: 0, b: 0), .init(a: .max, b: .max)]
            for _ in 0..<200 { absent.append(.init(a: next(), b: 5)) }
            for r in recs.prefix(50) { absent.append(.init(a: r.key.a, b: r.key.b &+ 1000)) }
            for k in absent where !recs.contains(where: { $0.key == k }) && d.index(file: f, key: k) != nil {
                Issue.record("size \(size): absent key found")
            }
        }
    }

    @Test func spillingEveryRowChangesNothingPublished() throws {
        let log = DiagnosticLog()
        let province = try #require(ContentValidator.validate(ContentLoader.load(DemoContentTests.root, log: log), log: log))
        let asOf = try #require(province.site.asOf)
        // The spill file is unlinked as soon as it is open: while the export
        // lives (a build that could be killed), nothing of it is on disk.
        func spillFolders() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? [])
                .filter { $0.hasPrefix("congkhai-feedback-\(getpid())-") }
        }
        func export(budget: Int) -> (files: [OutputFile], rows: RowDigests) {
            let e = FeedbackExport(province: province, pseudonymKey: Array("k".utf8), bufferBudget: budget)
            _ = FeedbackIngest.run(province, asOf: asOf, log: DiagnosticLog(), export: e)
            #expect(spillFolders().isEmpty, "spilled rows left on disk: \(spillFolders())")
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

    /// What a locality's published file shares with a previous copy is
    /// found from the spill a chunk at a time (decision 82): the same as
    /// comparing the whole file, whether every row was spilled or none, for
    /// a copy that is equal, shorter, longer, or differs at any place; and
    /// the runs of rows add up to the file.
    @Test func theSharedPrefixIsFoundChunkByChunk() throws {
        let log = DiagnosticLog()
        let province = try #require(ContentValidator.validate(ContentLoader.load(DemoContentTests.root, log: log), log: log))
        let asOf = try #require(province.site.asOf)
        for budget in [FeedbackExport.bufferBudget, 0, 700] {
            let e = FeedbackExport(province: province, pseudonymKey: Array("k".utf8), bufferBudget: budget, keepsRowDigests: true)
            _ = FeedbackIngest.run(province, asOf: asOf, log: DiagnosticLog(), export: e)
            var files: [OutputFile] = []
            e.files { files.append($0) }
            #expect(files.count > 5)
            for file in files {
                let id = String(file.path.dropFirst("data/feedback/".count).dropLast(".csv.gz".count))
                let whole = try #require(Gzip.decompress(file.bytes))
                let runs = try #require(e.sharedPrefix(locality: id, with: whole))
                #expect(runs.shared == whole.count)
                #expect(runs.header + runs.segments.reduce(0) { $0 + $1.bytes } == whole.count)
                var variants: [[UInt8]] = [[], Array(whole.prefix(runs.header - 1)), Array(whole.dropLast()), whole + [0x41]]
                for at in [0, runs.header, whole.count / 3, whole.count / 2, whole.count - 1] where at < whole.count {
                    var changed = whole
                    changed[at] ^= 0x01
                    variants.append(changed)
                }
                for previous in variants {
                    #expect(e.sharedPrefix(locality: id, with: previous)?.shared == CommonPrefix.length(previous, whole))
                }
            }
            #expect(e.sharedPrefix(locality: "khong-co", with: []) == nil)
        }
    }
}
