import Foundation
import Testing
@testable import Congkhai

/// Decision 98: a rebuild whose feedback inputs are unchanged replays the
/// last build's feedback stage from `.NAME.congkhai.feedback` — and publishes
/// exactly what a build without the cache publishes; anything the stage
/// reads, a damaged cache or a changed published export makes it run.
@Suite struct FeedbackCacheTests {
    /// The demo province in a folder of its own, with a published comment
    /// longer than a group keeps beside it (read back from the comment otherwise).
    static func demoCopy() throws -> String {
        let root = NSTemporaryDirectory() + "congkhai-fcache-\(UUID().uuidString)/content"
        try FileManager.default.createDirectory(atPath: (root as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: DemoContentTests.root, toPath: root)
        let long = String(repeating: "Đường vào xóm Chợ còn lầy lội. ", count: 400)
        let handle = try #require(FileHandle(forWritingAtPath: root + "/feedback/2026-q4-tiep-dan.csv"))
        handle.seekToEndOfFile()
        handle.write(Data("tdlong-1,2026-11-20,meeting,xa-vinh-hai,bui-manh-duc,,suggestion,citizen,rlong,,giao thông,,,,\"\(long)\",yes\n".utf8))
        handle.closeFile()
        return root
    }

    static func build(_ root: String, _ out: String, asOf: String? = nil) -> (SiteBuild.Report, DiagnosticLog) {
        LedgerTests.build(root, into: out, asOf: asOf)
    }

    static func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try change(text).write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func aRebuildAfterAnEditReplaysTheStageAndPublishesWhatAFullRunWould() throws {
        let root = try FeedbackCacheTests.demoCopy()
        let base = (root as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: base) }
        // Trusted digests need files over a second older than the listing (decision 92).
        Thread.sleep(forTimeInterval: 1.2)
        let (first, _) = FeedbackCacheTests.build(root, base + "/a/site")
        guard case .built = first.outcome else { Issue.record("first build: \(first.outcome)"); return }
        #expect(first.run?.replayedExports == nil)
        #expect(FileManager.default.fileExists(atPath: base + "/a/.site.congkhai.feedback"))
        // The same published site and state, without the cache, for the full run.
        try FileManager.default.copyItem(atPath: base + "/a", toPath: base + "/b")
        try FileManager.default.removeItem(atPath: base + "/b/.site.congkhai.feedback")

        // An editor changes a name and a paragraph (not an id).
        let official = root + "/officials/xa-vinh-hai/bui-manh-duc.md"
        try FeedbackCacheTests.edit(official) { $0.replacingOccurrences(of: "name: \"", with: "name: \"Ông ") + "\nMột đoạn mới.\n" }
        let (replayed, replayedLog) = FeedbackCacheTests.build(root, base + "/a/site")
        let (full, fullLog) = FeedbackCacheTests.build(root, base + "/b/site")
        guard case .built = replayed.outcome, case .built = full.outcome else {
            Issue.record("rebuilds: \(replayed.outcome), \(full.outcome)"); return
        }
        let exports = try #require(replayed.run?.replayedExports, "the stage was replayed")
        #expect(!exports.isEmpty)
        #expect(full.run?.replayedExports == nil)
        #expect(replayedLog.items == fullLog.items, "the stage's warnings are repeated")
        #expect(replayed.quarantined == full.quarantined && replayed.quarantinedCount == full.quarantinedCount)
        #expect(replayed.run?.feedbackRows == full.run?.feedbackRows && replayed.run?.feedbackBytes == full.run?.feedbackBytes)
        let a = try BuiltSite(root: base + "/a/site").files
        let b = try BuiltSite(root: base + "/b/site").files
        #expect(a.keys.sorted() == b.keys.sorted())
        let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(differing.isEmpty, "files differ from the full run: \(differing.prefix(5))")
        #expect(a.keys.contains { $0.hasPrefix("data/feedback/") })
        // The long comment was shown by both (its text came back from the cache whole).
        #expect(a.values.contains { String(decoding: $0, as: UTF8.self).contains(String(repeating: "Đường vào xóm Chợ còn lầy lội. ", count: 3)) })
        // The ledger recorded the build and no feedback row (the same bytes in both, compared above).
        let kinds = LedgerTests.kinds(try LedgerTests.lastBuild(base + "/a/site"))
        #expect(kinds == ["build"], "\(kinds)")

        // The cache a replay leaves is the one it read: the next edit replays too.
        try FeedbackCacheTests.edit(official) { $0 + "\nThêm một dòng.\n" }
        let (again, _) = FeedbackCacheTests.build(root, base + "/a/site")
        #expect(again.run?.replayedExports != nil)
    }

    /// Everything the stage reads moves the key; an official's name or text does not.
    @Test func theKeyMovesWithWhatTheStageReadsOnly() throws {
        func key(_ change: (inout TestContent) -> Void = { _ in }, asOf: String = "2026-11-01", header: String = "h",
                 pages: Bool = true, pseudonym: String? = nil, digest: String? = "d") throws -> String? {
            var c = LedgerTests.content()
            c["officials/xa-an-binh/tran-thi-binh.md"] = TestContent.official("Trần Thị Bình", role: "vice_chairman")
            change(&c)
            let root = try c.write()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let log = DiagnosticLog()
            let loaded = ContentLoader.load(root, log: log)
            let province = try #require(ContentValidator.validate(loaded, log: log), "\(log.items)")
            return FeedbackCache.key(province: province, asOf: try #require(Day(iso: asOf)), header: header, feedsPages: pages,
                                     pseudonymCheck: pseudonym, feedbackDigest: { path in digest.map { $0 + path } })
        }
        let base = try #require(try key())
        #expect(try key(digest: nil) == nil, "an export whose digest is not known leaves no key")
        #expect(try key() == base)
        // Not read by the stage: an official's name and text.
        #expect(try key { $0["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn Ân", LedgerTests.official) } == base)
        #expect(try key { c in c["officials/xa-an-binh/nguyen-van-an.md"] = (c["officials/xa-an-binh/nguyen-van-an.md"] ?? "") + "\nThêm.\n" } == base)
        // Read by it.
        var moved: [String: String?] = [:]
        moved["as_of"] = try key(asOf: "2026-11-02")
        moved["header"] = try key(header: "other")
        moved["pages"] = try key(pages: false)
        moved["pseudonym"] = try key(pseudonym: "p")
        moved["export bytes"] = try key(digest: "e")
        moved["official removed"] = try key { $0["officials/xa-an-binh/tran-thi-binh.md"] = nil }
        moved["official id"] = try key { c in
            c["officials/xa-an-binh/tran-thi-binh.md"] = nil
            c["officials/xa-an-binh/tran-thi-binh-2.md"] = TestContent.official("Trần Thị Bình", role: "vice_chairman")
        }
        moved["commitment id"] = try key { c in
            c["officials/xa-an-binh/nguyen-van-an.md"] = c["officials/xa-an-binh/nguyen-van-an.md"]?.replacingOccurrences(of: "id: ", with: "id: x-")
        }
        moved["site.yaml"] = try key { c in c["site.yaml"] = (c["site.yaml"] ?? "") + "\n# note\n" }
        moved["framework"] = try key { c in c["framework.yaml"] = (c["framework.yaml"] ?? "") + "\n# note\n" }
        moved["another export"] = try key { c in c["feedback/b.csv"] = TestContent.feedbackHeader }
        for (what, k) in moved {
            #expect(k != base, "\(what) must change the key")
            #expect(k != nil, "\(what): \(String(describing: k))")
        }
        #expect(LedgerTests.official.contains("id: "), "the commitment-id case edits a commitment")
    }

    /// A cache that is damaged, from another province, or whose published
    /// exports are not the files it recorded is not used; nor is one whose
    /// inputs changed. Each of those builds runs the stage and is right.
    @Test func aDamagedCacheOrChangedExportRunsTheStage() throws {
        var c = BuildStateTests.content()
        c["feedback/a.csv"] = (c["feedback/a.csv"] ?? "") + "r5,2026-03-05,survey,xa-an-binh,nguyen-van-an,,suggestion,citizen,p3,,,,,,Đèn đường hỏng,yes\n"
        let root = try c.write()
        let out = root + "-out"
        let cache = Publisher(destination: out).feedbackCachePath
        Thread.sleep(forTimeInterval: 1.2)
        let (first, _) = FeedbackCacheTests.build(root, out)
        guard case .built = first.outcome else { Issue.record("first build: \(first.outcome)"); return }
        let scores = try BuiltSite(root: out).text("data/scores.json")
        let official = root + "/officials/xa-an-binh/nguyen-van-an.md"
        var edits = 0
        /// Edits the official's text (the stage's inputs stay), builds, and
        /// says whether the stage was replayed.
        func rebuild(asOf: String? = nil) throws -> Bool? {
            edits += 1
            try FeedbackCacheTests.edit(official) { $0 + "\nSửa \(edits).\n" }
            let (r, log) = FeedbackCacheTests.build(root, out, asOf: asOf)
            guard case .built = r.outcome else { Issue.record("rebuild \(edits): \(r.outcome) \(log.items)"); return nil }
            if asOf == nil { #expect(try BuiltSite(root: out).text("data/scores.json") == scores, "rebuild \(edits): the first build's scores") }
            return r.run?.replayedExports != nil
        }
        #expect(try rebuild() == true)
        let good = try #require(FileManager.default.contents(atPath: cache))

        // One byte changed anywhere (here: in the middle), or the file cut short.
        var flipped = [UInt8](good)
        flipped[flipped.count / 2] ^= 0x01
        try Data(flipped).write(to: URL(fileURLWithPath: cache))
        #expect(try rebuild() == false)
        #expect(try rebuild() == true, "the run left a good cache again")
        try Data(good.prefix(good.count - 10)).write(to: URL(fileURLWithPath: cache))
        #expect(try rebuild() == false)
        #expect(try rebuild() == true)
        // Sealed by someone who can write beside the site but has not the
        // pseudonym key: the body's digest under another key is refused,
        // where the same under the installation's key is the file itself.
        let sealed = try #require(FileManager.default.contents(atPath: cache))
        let body = [UInt8](sealed.prefix(sealed.count - 64))
        let right = try #require(HistoryStage.cacheSealKey(environment: [:]))
        #expect(SealedFile.seal(SHA256.hex(body), key: right) == [UInt8](sealed.suffix(64)))
        try Data(body + SealedFile.seal(SHA256.hex(body), key: Array("not the key".utf8))).write(to: URL(fileURLWithPath: cache))
        #expect(try rebuild() == false)
        #expect(try rebuild() == true)

        // A published export altered (same name, other bytes) or removed.
        let export = try #require(try FileManager.default.contentsOfDirectory(atPath: out + "/data/feedback").first { $0.hasSuffix(".csv.gz") })
        let exportPath = out + "/data/feedback/" + export
        let published = try #require(FileManager.default.contents(atPath: exportPath))
        let csv = String(decoding: try #require(Gzip.decompress(Array(published))), as: UTF8.self)
        let altered = csv.replacingOccurrences(of: "Đèn đường hỏng", with: "Đèn đường tốt")
        #expect(altered != csv)
        try Data(Gzip.compress(Array(altered.utf8))).write(to: URL(fileURLWithPath: exportPath))
        // Not replayed (the cache checks the export), and not compared with
        // either (decision 122): the rows published are not known, the build stops.
        edits += 1
        try FeedbackCacheTests.edit(official) { $0 + "\nSửa \(edits).\n" }
        let (stopped, log) = FeedbackCacheTests.build(root, out)
        guard case .contentErrors = stopped.outcome else { Issue.record("an altered export compared with: \(stopped.outcome)"); return }
        #expect(stopped.run?.replayedExports == nil)
        #expect(log.items.contains { $0.file == exportPath && $0.message.hasPrefix("changed since it was published") })
        // Put back from a copy, the stage is replayed again.
        try published.write(to: URL(fileURLWithPath: exportPath))
        #expect(try rebuild() == true)

        // An input of the stage: another as_of; an export edited.
        #expect(try rebuild(asOf: "2026-11-20") == false)
        #expect(try rebuild(asOf: "2026-11-20") == true)
        let handle = try #require(FileHandle(forWritingAtPath: root + "/feedback/a.csv"))
        handle.seekToEndOfFile()
        handle.write(Data("r6,2026-03-06,survey,xa-an-binh,nguyen-van-an,,rating,citizen,p4,1,,,,,,\n".utf8))
        handle.closeFile()
        let (added, _) = FeedbackCacheTests.build(root, out, asOf: "2026-11-20")
        #expect(added.run?.replayedExports == nil)
        #expect(added.run?.feedbackRows == (first.run?.feedbackRows ?? 0) + 1)
    }

    /// A replayed stage re-publishes the published exports as read: one whose
    /// bytes are not the recorded ones when it is read (changed after the
    /// cache's check) stops the build instead of being published.
    @Test func aReplayedExportIsCheckedAgainAsItIsRead() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        defer { for path in [root, out] { try? FileManager.default.removeItem(atPath: path) } }
        let (first, _) = FeedbackCacheTests.build(root, out)
        var run = try #require(first.run)
        let history = try #require(HistoryStage.open(output: out, options: .init(), log: DiagnosticLog()))
        let path = try #require(try FileManager.default.contentsOfDirectory(atPath: out + "/data/feedback").first { $0.hasSuffix(".csv.gz") })
        let published = try #require(FileManager.default.contents(atPath: out + "/data/feedback/" + path))
        func emitted(_ digest: String) throws -> [String: [UInt8]] {
            run.replayedExports = [FeedbackCache.Export(path: "data/feedback/" + path, digest: digest)]
            let files = Locked<[String: [UInt8]]>([:])
            try history.dataFiles(run: run, history: history.scoreHistory(run: run)) { file in files.update { $0[file.path] = file.bytes } }
            return files.value
        }
        #expect(try emitted(SHA256.hex(Array(published)))["data/feedback/" + path] == Array(published))
        #expect(throws: HistoryStage.ReplayError.self) { _ = try emitted(String(repeating: "0", count: 64)) }
    }

    @Test func bytesComeBackAsWritten() throws {
        var w = ByteWriter()
        let ints = [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, Int.max, Int.min, 1 << 40]
        for i in ints { w.int(i) }
        w.string("")
        w.string("Đường vào xóm")
        w.bool(true)
        w.uint64(0xDEAD_BEEF_0123_4567)
        var r = ByteReader(w.bytes)
        for i in ints { #expect(try r.int() == i) }
        #expect(try r.string() == "")
        #expect(try r.string() == "Đường vào xóm")
        #expect(try r.bool() == true)
        #expect(try r.uint64() == 0xDEAD_BEEF_0123_4567)
        #expect(r.isAtEnd)
        // Cut short, or a length past the end: an error, never a trap.
        var short = ByteReader(Array(w.bytes.prefix(3)))
        _ = try? short.int()
        #expect(throws: ByteReader.Malformed.self) { for _ in 0..<ints.count { _ = try short.int() } }
        var tooLong = ByteWriter()
        tooLong.int(1_000_000)
        var s = ByteReader(tooLong.bytes + [65, 66])
        #expect(throws: ByteReader.Malformed.self) { _ = try s.string() }
        var n = ByteReader(tooLong.bytes)
        #expect(throws: ByteReader.Malformed.self) { _ = try n.count() }
    }

    /// A tally written, read back and written again gives the same bytes:
    /// the demo's (comments, categories, many officials) and one with a
    /// response-time window and a rating no billionth can hold exactly.
    @Test func aTallyReadBackWritesTheSameBytes() throws {
        let demo = try #require(DemoContentTests.run.0)
        #expect(demo.scoreboard.tally.commentGroups.count > 0 && !demo.scoreboard.tally.categoryNames.isEmpty)
        var c = TestContent(measure: "{ metric: feedback_response_time }")
        c["feedback/a.csv"] = TestContent.feedbackHeader + """
        1,2026-10-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,đường,resolved,,2026-10-10,Hỏng,yes
        2,2026-10-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r,4.1234567891,,,,,,
        3,2026-10-02,hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,,open,,,,

        """
        let (small, log) = try c.run()
        let other = try #require(small, "\(log.items)")
        #expect(!other.scoreboard.tally.responseWindows.isEmpty)
        #expect(other.scoreboard.tally.ratings[0].sums.contains { !$0.remainder.isZero }, "a sum with a rational remainder")
        for run in [demo, other] {
            let tally = run.scoreboard.tally
            var w = ByteWriter()
            tally.encode(into: &w)
            var r = ByteReader(w.bytes)
            let back = try FeedbackTally(decoding: &r, officials: run.province.officials.count, localities: run.province.localities.count)
            #expect(r.isAtEnd)
            var again = ByteWriter()
            back.encode(into: &again)
            #expect(again.bytes == w.bytes)
            #expect(back.officialSummaries == tally.officialSummaries && back.province == tally.province)
            #expect(back.ratings.map { $0.exactSum(of: RespondentKind.allCases).value } == tally.ratings.map { $0.exactSum(of: RespondentKind.allCases).value })
            #expect(throws: ByteReader.Malformed.self) {
                var wrong = ByteReader(w.bytes)
                _ = try FeedbackTally(decoding: &wrong, officials: run.province.officials.count + 1, localities: run.province.localities.count)
            }
        }
    }
}
