import Foundation
import Testing
@testable import Congkhai

/// The manifest hashes the bytes that were scored, taken as they were read.
@Suite struct ReadOnceTests {
    @Test func contentBytesAndFeedbackHashesAreThoseRead() throws {
        var c = TestContent()
        c["feedback/a.csv"] = TestContent.feedbackHeader
            + "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,rating,citizen,r1,4,,,,,,\n"
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: root, options: .init(), log: log), "\(log.items)")
        let p = run.province
        for path in p.inputFiles where !path.hasPrefix("feedback/") && !path.hasPrefix("static/") {
            let disk = try #require(FileManager.default.contents(atPath: root + "/" + path))
            #expect(p.inputBytes.bytes(path) == [UInt8](disk), "\(path)")
            #expect(p.inputBytes.hash(path) == SHA256.hex([UInt8](disk)), "\(path)")
        }
        #expect(p.feedbackHashes["feedback/a.csv"] == SHA256.hex(fileAt: root + "/feedback/a.csv"))
        // Changing a file after scoring changes neither what is published nor the manifest.
        let before = Manifest.file(province: p, asOf: run.scoreboard.asOf, outputs: [])
        try "name: \"đổi\"\n".write(toFile: root + "/localities/xa-an-binh.yaml", atomically: true, encoding: .utf8)
        try "changed\n".write(toFile: root + "/feedback/a.csv", atomically: true, encoding: .utf8)
        #expect(Manifest.file(province: p, asOf: run.scoreboard.asOf, outputs: []).bytes == before.bytes)
    }
    /// A static file's input digest is that of the bytes copied into the
    /// site, not of the file read again when the manifest is written.
    @Test func staticFilesAreNamedAsCopied() throws {
        var c = TestContent()
        c["static/minh-chung/a.pdf"] = "%PDF-1.4 first\n"
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: root, options: .init(), log: log), "\(log.items)")
        let p = run.province, path = "static/minh-chung/a.pdf"
        #expect(p.inputFiles.contains(path))
        // Not copied yet: the file as it is.
        #expect(p.inputDigest(path) == SHA256.hex(Array("%PDF-1.4 first\n".utf8)))
        p.inputBytes.recordCopied(path, hash: SHA256.hex(Array("%PDF-1.4 first\n".utf8)))
        try "%PDF-1.4 changed\n".write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        #expect(p.inputDigest(path) == SHA256.hex(Array("%PDF-1.4 first\n".utf8)))
        #expect(Manifest.inputHashes(p).first { $0.path == path }?.hash == SHA256.hex(Array("%PDF-1.4 first\n".utf8)))
    }

    /// In a build, every static input's digest is its published copy's.
    @Test func aBuildsManifestNamesTheStaticCopies() throws {
        let root = try FeedbackCacheTests.demoCopy()
        let base = (root as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: base) }
        let (report, log) = FeedbackCacheTests.build(root, base + "/site")
        guard case .built = report.outcome else { Issue.record("build: \(report.outcome) \(log.items)"); return }
        let bytes = try #require(FileManager.default.contents(atPath: base + "/site/data/manifest.json"))
        guard case let .object(top)? = CanonicalJSON.parse(String(decoding: bytes, as: UTF8.self)),
              case let .object(inputs)? = top.first(where: { $0.0 == "inputs" })?.1,
              case let .object(outputs)? = top.first(where: { $0.0 == "outputs" })?.1 else {
            Issue.record("manifest not read")
            return
        }
        let statics = inputs.filter { $0.0.hasPrefix("static/") }
        #expect(!statics.isEmpty)
        for (path, hash) in statics {
            let copy = String(path.dropFirst("static/".count))
            #expect(outputs.first { $0.0 == copy }?.1.stringValue == hash.stringValue, "\(path)")
            #expect(SHA256.hex(fileAt: base + "/site/" + copy) == hash.stringValue, "\(path)")
        }
    }

    /// `check` and `score` read the exports without hashing them, and
    /// without masking comments no stage reads: the same numbers.
    @Test func runsThatPublishNothingNeitherHashNorMask() throws {
        var c = TestContent()
        c["feedback/a.csv"] = TestContent.feedbackHeader
            + "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,rating,citizen,r1,4,,,,,,\n"
            + "2,2026-03-02,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,,,,,\n"
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog(), quiet = DiagnosticLog()
        let full = try #require(ScoringRun.run(content: root, options: .init(), log: log), "\(log.items)")
        let check = try #require(ScoringRun.run(content: root, options: .init(feedsPages: false, hashesFeedback: false), log: quiet))
        #expect(check.province.feedbackHashes.isEmpty)
        #expect(full.province.feedbackHashes.count == 1)
        #expect(check.scoreboard.results.map(\.total) == full.scoreboard.results.map(\.total))
        #expect(check.scoreboard.results.map(\.band) == full.scoreboard.results.map(\.band))
        #expect(check.feedbackRows == full.feedbackRows && check.quarantinedCount == full.quarantinedCount)
        #expect(quiet.items.map(\.description) == log.items.map(\.description))
    }
    /// The row checker keeps a published comment's masked text, a row's
    /// category and its respondent only when a stage will read them;
    /// `publish` is read and checked either way, and the respondent is still
    /// numbered (from its bytes) for deduplication.
    @Test func textNoStageReadsIsNotKept() throws {
        let (run, log) = try TestContent().run()
        let province = try #require(run, "\(log.items)").province
        let csv = TestContent.feedbackHeader
            + "9,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,Đường sá,,,,gọi 0912 345 678,yes\n"
            + "10,2026-03-02,hotline,xa-an-binh,nguyen-van-an,,rating,citizen,r-77,4,,,,,,\n"
        func rows(keeping: Bool) throws -> [FeedbackRow] {
            let validator = FeedbackValidator(province: province, keepsText: keeping)
            var columns: FeedbackValidator.Columns?
            var rows: [FeedbackRow] = []
            var memo = CategoryMemo()
            _ = CSVScanner.scan(bytes: Array(csv.utf8)) { r in
                guard let c = columns else { columns = validator.columns(header: r, file: "f.csv", log: DiagnosticLog()); return }
                _ = validator.checker.check(r, columns: c, file: "f.csv", fileIndex: 0, categories: &memo, into: &rows)
                if let row = rows.last, row.kind == .rating {
                    #expect(FeedbackValidator.respondentDigest(kind: row.kind, r, columns: c) != nil)
                }
            }
            try #require(rows.count == 2)
            return rows
        }
        let kept = try rows(keeping: true), dropped = try rows(keeping: false)
        #expect(kept[0].publish && dropped[0].publish)
        #expect(!kept[0].comment.isEmpty && !kept[0].comment.contains("345 678"))
        #expect(kept[0].category == "Đường sá" && kept[1].respondent == "r-77")
        #expect(dropped[0].comment.isEmpty && dropped[0].category.isEmpty && dropped[1].respondent.isEmpty)
        #expect(dropped[1].rating == kept[1].rating && dropped[0].status == kept[0].status)
    }
}
