import Foundation
import Testing
@testable import Congkhai

/// Decision 99: a rebuild links an official's page from the published site
/// when the page's fingerprint is the last build's — and publishes exactly
/// what a build without `.NAME.congkhai.pages` publishes, whatever was edited.
@Suite struct PageCacheTests {
    /// The published site at `a` copied to `b` with its state, without the page cache.
    static func copyWithoutPageCache(_ base: String, from a: String, to b: String) throws {
        try? FileManager.default.removeItem(atPath: base + "/" + b)
        try FileManager.default.copyItem(atPath: base + "/" + a, toPath: base + "/" + b)
        for suffix in ["state", "feedback"] where FileManager.default.fileExists(atPath: base + "/.\(a).congkhai.\(suffix)") {
            try? FileManager.default.removeItem(atPath: base + "/.\(b).congkhai.\(suffix)")
            try FileManager.default.copyItem(atPath: base + "/.\(a).congkhai.\(suffix)", toPath: base + "/.\(b).congkhai.\(suffix)")
        }
        try? FileManager.default.removeItem(atPath: base + "/.\(b).congkhai.pages")
    }

    /// Builds `a` (page cache) and `b` (none) after an edit; every published file must agree.
    static func rebuildBoth(_ root: String, _ base: String, asOf: String? = nil, _ what: String) throws -> SiteBuild.Report {
        let (kept, keptLog) = FeedbackCacheTests.build(root, base + "/a", asOf: asOf)
        let (full, fullLog) = FeedbackCacheTests.build(root, base + "/b", asOf: asOf)
        guard case .built = kept.outcome, case .built = full.outcome else {
            Issue.record("\(what): \(kept.outcome), \(full.outcome): \(fullLog.items.filter { $0.severity == .error })")
            return kept
        }
        #expect(full.keptFiles == 0, "\(what): no page cache, nothing kept")
        #expect(keptLog.items == fullLog.items, "\(what): the same findings")
        let a = try BuiltSite(root: base + "/a").files
        let b = try BuiltSite(root: base + "/b").files
        #expect(a.keys.sorted() == b.keys.sorted(), "\(what): the same files")
        let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(differing.isEmpty, "\(what): files differ from a build without the page cache: \(differing.prefix(5))")
        return kept
    }

    /// Rebuilds `a` after an edit every file must be made again for: nothing
    /// may be linked (a build that links nothing makes every file as a build
    /// without the page cache does, so no second build is compared).
    static func rebuildKeepingNothing(_ root: String, _ base: String, asOf: String? = nil, _ what: String) {
        let (report, log) = FeedbackCacheTests.build(root, base + "/a", asOf: asOf)
        guard case .built = report.outcome else {
            Issue.record("\(what): \(report.outcome): \(log.items.filter { $0.severity == .error })")
            return
        }
        #expect(report.keptFiles == 0, "\(what): \(report.keptFiles) files kept")
    }

    /// The demo copied and published once at `base/a`: its content root, `base`, and the pages built.
    static func published() throws -> (root: String, base: String, pages: Int) {
        let root = try FeedbackCacheTests.demoCopy()
        let base = (root as NSString).deletingLastPathComponent
        // Trusted digests need files over a second older than the listing (decision 92).
        Thread.sleep(forTimeInterval: 1.2)
        let (first, _) = FeedbackCacheTests.build(root, base + "/a")
        guard case let .built(pages, _, _) = first.outcome else { throw Published.failed("\(first.outcome)") }
        #expect(first.keptFiles == 0)
        #expect(FileManager.default.fileExists(atPath: base + "/.a.congkhai.pages"))
        return (root, base, pages)
    }

    enum Published: Error { case failed(String) }

    /// One official's file edited in every way that reaches other files.
    @Test func officialEditsPublishWhatAFullRenderWould() throws {
        let (root, base, pages) = try PageCacheTests.published()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let an = root + "/officials/xa-an-binh/nguyen-van-an.md"

        // A name: that official's two pages (one a language) and its locality's are rendered, every other kept.
        try PageCacheTests.copyWithoutPageCache(base, from: "a", to: "b")
        try FeedbackCacheTests.edit(an) { $0.replacingOccurrences(of: "name: \"", with: "name: \"Ông ") }
        let named = try PageCacheTests.rebuildBoth(root, base, "a name")
        #expect(named.keptFiles > pages / 3, "most official pages kept: \(named.keptFiles) of \(pages)")
        // The build report says how many (operators read it, not the log).
        let json = SiteBuild.reportJSON(named, log: DiagnosticLog(), options: SiteBuild.Options(content: root, output: base + "/a"))
        #expect(json.serialized().contains("\"kept_files\": \(named.keptFiles)"), "\(json.serialized().prefix(300))")

        // A score that moves others' ranks: their pages are rendered again too.
        try PageCacheTests.copyWithoutPageCache(base, from: "a", to: "b")
        // (A done commitment reopened past its deadline, an assessment of 0: An Bình's ranks 3, 4, 5 become 5, 3, 4.)
        try FeedbackCacheTests.edit(an) {
            $0.replacingOccurrences(of: "    status: done\n    completed_on: 2026-11-19\n", with: "    status: in_progress\n")
                .replacingOccurrences(of: "score: 28, max: 30", with: "score: 0, max: 30")
        }
        let moved = try PageCacheTests.rebuildBoth(root, base, "a score that moves ranks")
        // (Each official: two pages, a feed, an explanation; and the list pages showing them.)
        #expect(moved.keptFiles <= named.keptFiles - 8, "two more officials' files made: \(moved.keptFiles), \(named.keptFiles)")

        // A score that moves a locality's place among the localities: Xã Suối Mơ's
        // mean falls below Phường Trung Tâm's, whose page shows its rank.
        try PageCacheTests.copyWithoutPageCache(base, from: "a", to: "b")
        let trungTam = "dia-phuong/phuong-trung-tam/index.html"
        let before = try BuiltSite(root: base + "/a").text(trungTam)
        try FeedbackCacheTests.edit(root + "/officials/xa-suoi-mo/bui-van-binh.md") {
            $0.replacingOccurrences(of: "    status: done\n    completed_on: 2026-10-23\n", with: "    status: in_progress\n")
                .replacingOccurrences(of: "    status: done\n    completed_on: 2026-07-05\n", with: "    status: in_progress\n")
        }
        _ = try PageCacheTests.rebuildBoth(root, base, "a locality's rank moved")
        #expect(try BuiltSite(root: base + "/a").text(trungTam) != before, "the edit moves another locality's rank")

        // A commitment's progress, and a paragraph of the official's text.
        try PageCacheTests.copyWithoutPageCache(base, from: "a", to: "b")
        try FeedbackCacheTests.edit(an) {
            $0.replacingOccurrences(of: "progress: 17, note:", with: "progress: 18, note:") + "\nMột đoạn mới.\n"
        }
        _ = try PageCacheTests.rebuildBoth(root, base, "progress and text")

        // A commitment removed: the ledger's history of that official changes.
        try PageCacheTests.copyWithoutPageCache(base, from: "a", to: "b")
        try FeedbackCacheTests.edit(an) { $0.replacingOccurrences(of: "  - id: camera-an-ninh\n", with: "  - id: camera-an-ninh-2\n") }
        _ = try PageCacheTests.rebuildBoth(root, base, "a commitment id changed")

    }

    /// The province's lists, and the inputs every file reads.
    @Test func listsAndGlobalInputsPublishWhatAFullRenderWould() throws {
        let (root, base, pages) = try PageCacheTests.published()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let an = root + "/officials/xa-an-binh/nguyen-van-an.md"

        // A list of more than one page: an official with 120 overdue commitments due
        // before any other fills the overdue list's first page; then a commitment
        // overdue last is added to another official. The first page's cards are the
        // same, its count is not.
        var many = "---\nname: \"Lê Văn Nhiều\"\nposition: \"Công chức Văn phòng Tân Phú\"\nrole: other\nterm_start: 2025-07-01\ncommitments:\n"
        for i in 0..<120 {
            many += "  - id: viec-\(i)\n    title: \"Việc số \(i)\"\n    group: A\n    published_on: 2025-11-01\n"
                + "    deadline: 2025-12-\(String(format: "%02d", 10 + i % 20))\n    difficulty: normal\n    status: in_progress\n"
        }
        try (many + "---\n").write(toFile: root + "/officials/xa-tan-phu/le-van-nhieu.md", atomically: false, encoding: .utf8)
        try PageCacheTests.copyWithoutPageCache(base, from: "a", to: "b")
        _ = try PageCacheTests.rebuildBoth(root, base, "an official with 120 overdue commitments")
        let overdue = "cam-ket/qua-han/index.html"
        let firstPage = try BuiltSite(root: base + "/a").text(overdue)
        #expect(try BuiltSite(root: base + "/a").files.keys.contains("cam-ket/qua-han/trang-2/index.html"), "the overdue list has two pages")
        try PageCacheTests.copyWithoutPageCache(base, from: "a", to: "b")
        try FeedbackCacheTests.edit(an) {
            $0.replacingOccurrences(of: "commitments:\n", with: "commitments:\n  - id: viec-moi-qua-han\n    title: \"Việc mới quá hạn\"\n"
                                    + "    group: A\n    published_on: 2025-12-01\n    deadline: 2026-11-20\n    difficulty: normal\n"
                                    + "    status: in_progress\n")
        }
        _ = try PageCacheTests.rebuildBoth(root, base, "a list's length changed past its first page")
        #expect(try BuiltSite(root: base + "/a").text(overdue) != firstPage, "the first page's count changed")

        // Global inputs: a locality's file, a feedback export, the as_of — nothing kept.
        for (what, edit, asOf) in [
            ("a locality", { try FeedbackCacheTests.edit(root + "/localities/xa-an-binh.yaml") { $0 + "\n# ghi chú\n" } }, nil),
            ("an export", {
                let handle = try #require(FileHandle(forWritingAtPath: root + "/feedback/2026-q4-tiep-dan.csv"))
                handle.seekToEndOfFile()
                handle.write(Data("tdnew-1,2026-11-21,meeting,xa-vinh-hai,bui-manh-duc,,rating,citizen,rnew,5,,,,,,no\n".utf8))
                handle.closeFile()
            }, nil),
            ("the as_of", {}, "2026-11-30"),
        ] as [(String, () throws -> Void, String?)] {
            try edit()
            PageCacheTests.rebuildKeepingNothing(root, base, asOf: asOf, "\(what), read by every page")
        }

        // An official removed: indexes move, nothing kept.
        try FileManager.default.removeItem(atPath: root + "/officials/xa-an-binh/mai-thanh-duc.md")
        PageCacheTests.rebuildKeepingNothing(root, base, asOf: "2026-11-30", "an official removed")

        // Back to one official's edit: pages are kept again.
        try PageCacheTests.copyWithoutPageCache(base, from: "a", to: "b")
        try FeedbackCacheTests.edit(an) { $0.replacingOccurrences(of: "name: \"", with: "name: \"Bà ") }
        let again = try PageCacheTests.rebuildBoth(root, base, asOf: "2026-11-30", "a name again")
        #expect(again.keptFiles > pages / 3)
    }

    /// A published file touched, a cache damaged or sealed with another key:
    /// nothing is trusted, every page is rendered, and the site is right.
    @Test func aTouchedSiteOrDamagedCacheKeepsNothing() throws {
        let (root, base, _) = try PageCacheTests.published()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let an = root + "/officials/xa-an-binh/nguyen-van-an.md"
        var n = 0
        func nameEdit() throws {
            n += 1
            try FeedbackCacheTests.edit(an) { $0.replacingOccurrences(of: "name: \"", with: "name: \"\(n)") }
        }
        let cache = base + "/.a.congkhai.pages"

        // Someone edits a published official page (not the edited official's) on the server.
        let page = try #require(try BuiltSite(root: base + "/a").files.keys.first { $0.hasPrefix("dia-phuong/xa-vinh-hai/") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 4 })
        try nameEdit()
        try FeedbackCacheTests.edit(base + "/a/" + page) { $0.replacingOccurrences(of: "</main>", with: "<p>sửa tay</p></main>") }
        PageCacheTests.rebuildKeepingNothing(root, base, "a published page edited")
        #expect(!(try BuiltSite(root: base + "/a").text(page) ?? "").contains("sửa tay"))

        // The cache's bytes altered, cut, or sealed under another pseudonym key.
        let good = try #require(FileManager.default.contents(atPath: cache))
        var flipped = [UInt8](good)
        flipped[flipped.count / 2] ^= 1
        for (what, bytes) in [("altered", Data(flipped)), ("cut", good.prefix(good.count - 10))] {
            try nameEdit()
            try bytes.write(to: URL(fileURLWithPath: cache))
            PageCacheTests.rebuildKeepingNothing(root, base, "the cache \(what)")
        }
        // Sealed under another key, or left under another global fingerprint: not read.
        let entries = ["dia-phuong/x/index.html": PageCache.Entry(fingerprint: "f", digest: "d"),
                       "dia-phuong/Đ/index.html": PageCache.Entry(fingerprint: "f2", digest: "d2"),
                       "a/index.html": PageCache.Entry(fingerprint: "f3", digest: "d3")]
        let runs = ["x#1": TableRuns.Run(fingerprint: "r", offset: 3, length: 9), "b#2": TableRuns.Run(fingerprint: "s", offset: 0, length: 3)]
        let site = try #require(SiteFingerprint.of(base + "/a"))
        let listed = entries.map { (page: $0.key, entry: $0.value) }.sorted { $0.page < $1.page }
        let runList = runs.map { (name: $0.key, run: $0.value) }
        PageCache.write(to: cache, sealKey: Array("k1".utf8), global: "g", site: site, entries: listed, runs: runList)
        let trusted = PageCache.trusted(cache, global: "g", output: base + "/a", sealKey: Array("k1".utf8))
        #expect(trusted?.entries == entries)
        #expect(trusted?.runs == runs)
        // The file does not depend on the order the pages were made in.
        PageCache.write(to: cache + ".2", sealKey: Array("k1".utf8), global: "g", site: site,
                        entries: listed.reversed(), runs: runList.reversed())
        #expect(FileManager.default.contents(atPath: cache + ".2") == FileManager.default.contents(atPath: cache))
        unlink(cache + ".2")
        #expect(PageCache.trusted(cache, global: "g", output: base + "/a", sealKey: Array("k2".utf8)) == nil)
        #expect(PageCache.trusted(cache, global: "h", output: base + "/a", sealKey: Array("k1".utf8)) == nil)
        try FeedbackCacheTests.edit(base + "/a/robots.txt") { $0 + "\n" }
        #expect(PageCache.trusted(cache, global: "g", output: base + "/a", sealKey: Array("k1".utf8)) == nil, "the folder changed since")
    }
}

/// Where a hard link cannot be made (here: the published file on another
/// file system, as on one without links), a kept file's bytes are copied,
/// and only when they are still the ones recorded.
@Suite struct KeptFileCopyTests {
    @Test func aKeptFileIsCopiedWhereItCannotBeLinked() throws {
        let other = "/dev/shm"
        guard FileManager.default.isWritableFile(atPath: other) else { return }
        let source = other + "/congkhai-kept-\(UUID().uuidString).html"
        let bytes = Array("<p>trang đã xuất bản</p>".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: source))
        defer { try? FileManager.default.removeItem(atPath: source) }
        let out = NSTemporaryDirectory() + "congkhai-kept-\(UUID().uuidString)/site"
        defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var a = stat(), b = stat()
        guard stat(other, &a) == 0, stat(out, &b) == 0, a.st_dev != b.st_dev else { return }  // a link would be made
        let publisher = Publisher(destination: out)
        let staging = try publisher.stage()
        defer { publisher.discard(staging) }
        try staging.write(OutputFile(path: "a/index.html", published: source, digest: SHA256.hex(bytes), fingerprint: "f"))
        #expect(FileManager.default.contents(atPath: staging.dir + "/a/index.html").map { [UInt8]($0) } == bytes)
        #expect(staging.hashes["a/index.html"] == SHA256.hex(bytes))
        // Bytes that are not the recorded ones are never published under its digest.
        #expect(throws: Publisher.Failure.self) {
            try staging.write(OutputFile(path: "b/index.html", published: source, digest: SHA256.hex([1, 2, 3]), fingerprint: "f"))
        }
    }
}
