import Foundation
import Testing
@testable import Congkhai

/// The demo site: pages for everything, no dangling link, determinism, atomic publish.
@Suite(.serialized) struct SiteBuildTests {
    static let demo: (String, SiteBuild.Report, [Diagnostic]) = {
        do {
            let (out, report, log) = try SiteFixture.build(content: DemoContentTests.root)
            return (out, report, log.items)
        } catch {
            return ("", SiteBuild.Report(outcome: .ioError("\(error)"), run: nil, seconds: 0), [])
        }
    }()

    /// The demo site, failing the calling test when the build did not succeed
    /// (an empty folder would make "no dangling link" or "no inline script" pass).
    static func site(sourceLocation: SourceLocation = #_sourceLocation) throws -> BuiltSite {
        guard case .built = demo.1.outcome else {
            Issue.record("the demo build failed: \(demo.1.outcome)", sourceLocation: sourceLocation)
            throw CocoaError(.fileNoSuchFile)
        }
        let site = try BuiltSite(root: demo.0)
        try #require(site.htmlFiles.count > 200, "the demo site has only \(site.htmlFiles.count) pages", sourceLocation: sourceLocation)
        return site
    }

    @Test func buildsAPageForEveryOfficialAndLocalityInBothLanguages() throws {
        let (out, report, items) = SiteBuildTests.demo
        guard case .built = report.outcome else {
            Issue.record("build failed: \(report.outcome) \(items.filter { $0.severity == .error })")
            return
        }
        let site = try BuiltSite(root: out)
        let run = try #require(report.run)
        for l in run.province.localities {
            #expect(site.files["dia-phuong/\(l.id)/index.html"] != nil)
            #expect(site.files["en/dia-phuong/\(l.id)/index.html"] != nil)
            #expect(site.files["dia-phuong/\(l.id)/thong-bao/index.html"] != nil)
            #expect(site.files["dia-phuong/\(l.id)/feed.xml"] != nil)
        }
        for o in run.province.officials {
            #expect(site.files["dia-phuong/\(o.locality)/\(o.id)/index.html"] != nil)
            #expect(site.files["en/dia-phuong/\(o.locality)/\(o.id)/index.html"] != nil)
            #expect(site.files["data/explanations/\(o.locality)/\(o.id).json"] != nil)
        }
        for required in ["index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml", "search/index.json",
                         "data/scores.json", "data/scores.csv", "data/commitments.csv", "data/feedback-summary.csv",
                         "data/datapackage.json", "data/manifest.json", "phuong-phap/index.html", "du-lieu/index.html",
                         "cam-ket/qua-han/index.html", "cam-ket/sap-den-han/index.html", "cam-ket/hoan-thanh/index.html",
                         "cam-ket/da-rut/index.html", "phan-anh/index.html", "nhom-so-sanh/index.html", "tim-kiem/index.html"] {
            #expect(site.files[required] != nil, "missing \(required)")
        }
    }

    @Test func noDanglingLinksOrAnchors() throws {
        let site = try SiteBuildTests.site()
        let broken = site.brokenLinks()
        #expect(broken.isEmpty, "\(broken.prefix(20))")
    }

    @Test func scoresJSONMatchesTheScoreCommand() throws {
        let site = try SiteBuildTests.site()
        let run = try #require(SiteBuildTests.demo.1.run)
        #expect(site.text("data/scores.json") == ScoresReport.json(run).serialized())
    }

    @Test func manifestHashesEveryFileAndNothingElse() throws {
        guard case .built = SiteBuildTests.demo.1.outcome else { Issue.record("the demo build failed"); return }
        let site = try SiteBuildTests.site()
        let data = try #require(site.files["data/manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [String: String])
        let inputs = try #require(manifest["inputs"] as? [String: String])
        // Every published file but the manifest itself, each with its hash; no other entry.
        // The manifest lists everything but itself and data/ledger/ (the chain covers those).
        let published = Set(site.files.keys.filter { !$0.hasPrefix("data/ledger/") }).subtracting(["data/manifest.json"])
        #expect(Set(outputs.keys) == published,
                "missing \(published.subtracting(outputs.keys).sorted().prefix(5)), extra \(Set(outputs.keys).subtracting(published).sorted().prefix(5))")
        let wrongOut = outputs.filter { SHA256.hex(site.files[$0.key] ?? []) != $0.value }.map(\.key).sorted()
        #expect(wrongOut.isEmpty, "\(wrongOut.prefix(5))")
        // Every content file that is read (hidden files are ignored by the loader), with its hash.
        let content = DemoContentTests.root
        var onDisk: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: content)
        while let rel = walker?.nextObject() as? String {
            if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            if rel == "README.md" { continue }   // the demo's note for people; the loader does not read it
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: content + "/" + rel, isDirectory: &isDir), !isDir.boolValue else { continue }
            onDisk[rel] = SHA256.hex(fileAt: content + "/" + rel) ?? ""
        }
        #expect(Set(inputs.keys) == Set(onDisk.keys),
                "missing \(Set(onDisk.keys).subtracting(inputs.keys).sorted()), extra \(Set(inputs.keys).subtracting(onDisk.keys).sorted())")
        let wrongIn = inputs.filter { onDisk[$0.key] != $0.value }.map(\.key).sorted()
        #expect(wrongIn.isEmpty, "\(wrongIn.prefix(5))")
        #expect(inputs.count > 70 && outputs.count > 300)
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let (second, report, _) = try SiteFixture.build(content: DemoContentTests.root)
        defer { try? FileManager.default.removeItem(atPath: second) }
        guard case .built = report.outcome else { Issue.record("second build failed"); return }
        let a = try SiteBuildTests.site(), b = try BuiltSite(root: second)
        #expect(a.files.keys.sorted() == b.files.keys.sorted())
        let different = a.files.keys.filter { a.files[$0] != b.files[$0] }.sorted()
        #expect(different.isEmpty, "\(different.prefix(10))")
    }

    @Test func pagesCarryNoInlineScriptsOrStyles() throws {
        let site = try SiteBuildTests.site()
        for page in site.htmlFiles {
            let html = site.text(page) ?? ""
            #expect(!html.contains("<script>"), "\(page)")
            #expect(!html.contains(" style=\""), "\(page)")
            #expect(html.contains("Content-Security-Policy"), "\(page)")
        }
    }

    @Test func searchIndexFoldsDiacritics() throws {
        let site = try SiteBuildTests.site()
        let meta = try JSONSerialization.jsonObject(with: Data(site.files["search/index.json"] ?? [])) as? [String: Int]
        let buckets = try #require(meta?["buckets"])
        // "Xã An Bình" is found by "an binh": the pair's bucket lists it, with its name as written.
        let anBinh = site.text("search/\(Int(SearchIndex.hash("an binh")) % buckets).json")
        let bucket = try #require(anBinh)
        #expect(bucket.contains("\"an binh\":") && bucket.contains("[\"l\",\"Xã An Bình\",\"\",\"dia-phuong/xa-an-binh/\"]"))
        // A commitment by the words of its title, without their accents.
        let kenhBucket = site.files["search/\(Int(SearchIndex.hash("kenh")) % buckets).json"] ?? []
        let kenh = try #require((try JSONSerialization.jsonObject(with: Data(kenhBucket)) as? [String: [String: Any]])?["kenh"])
        let list = try (kenh["f"] as? String).map { part in
            try JSONSerialization.jsonObject(with: Data(site.files["search/\(part)-1.json"] ?? [])) as? [[String]]
        } ?? kenh["e"] as? [[String]]
        #expect(list?.contains { $0[0] == "c" && $0[1].contains("kênh mương") } == true)
        let searchPage = site.text("tim-kiem/index.html")
        let page = try #require(searchPage)
        #expect(page.contains("data-index=\"../search/\""))
    }

    @Test func pagesStaySmall() throws {
        let site = try SiteBuildTests.site()
        let home = site.files["index.html"]?.count ?? 0
        #expect(home > 0 && home < 100_000)
        let official = site.files["dia-phuong/xa-an-binh/nguyen-van-an/index.html"]?.count ?? 0
        #expect(official > 0 && official < 200_000)
    }

    /// A comparison row holds a labelled cell per criterion: a framework with
    /// many criteria gets fewer officials a page, so its pages stay under
    /// 200 KB as the default framework's do (which keeps its 80).
    @Test func comparisonPagesStaySmallWithManyCriteria() throws {
        let demo = try TemplateKeyTests.demo()
        #expect(SitePlan.compareSize(demo.run.province.framework, languages: ["vi", "en"]) == SitePlan.PageSize.compare)
        var content = TestContent()
        let criteria = (1...25).map { i in """
              - id: c\(i)
                name: { vi: "Tiêu chí số \(i) về kết quả thực hiện nhiệm vụ được giao", en: "Criterion \(i) on the results of the tasks assigned" }
                group: B
                weight: 4
                measures:
                  - { metric: disclosure }
            """ }.joined(separator: "\n")
        content["framework.yaml"] = """
            id: test
            name: { vi: "Khung thử", en: "Test framework" }
            criteria:
            \(criteria)
            bands:
              - { id: excellent, min: 90, name: { vi: "Xuất sắc", en: "Excellent" } }
              - { id: good, min: 70, name: { vi: "Tốt", en: "Good" } }
              - { id: complete, min: 50, name: { vi: "Hoàn thành", en: "Complete" } }
              - { id: incomplete, min: 0, name: { vi: "Không hoàn thành", en: "Incomplete" } }
            """
        for i in 1...70 {
            content["localities/xa-so-\(i).yaml"] = TestContent.locality.replacingOccurrences(of: "Xã An Bình", with: "Xã Số \(i)")
            content["officials/xa-so-\(i)/chu-tich.md"] = TestContent.official("Nguyễn Văn Số \(i)")
        }
        guard let site = try SiteFixture.site(of: content) else { return }
        #expect(site.files["so-sanh/trang-2/index.html"] != nil && site.files["en/so-sanh/trang-2/index.html"] != nil)
        #expect(site.pagesOver(200_000).isEmpty, "\(site.pagesOver(200_000))")
    }

    /// A locality's page lists its most overdue commitments up to
    /// `PageSize.localityOverdue` and links to the province's overdue list
    /// for the rest (each card ~0.5 KB: hundreds made the page grow past
    /// 200 KB); below the cap, no link.
    @Test func aLocalityPageCapsItsOverdueCommitments() throws {
        var content = TestContent()
        let n = SitePlan.PageSize.localityOverdue + 7
        let commitments = (1...n).map { i in
            "  - { id: viec-\(i), title: \"Việc số \(i)\", group: A, target: 10, actual: 1, published_on: 2026-01-05, deadline: 2026-03-\(String(format: "%02d", i % 28 + 1)), status: in_progress }"
        }.joined(separator: "\n")
        content["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", "commitments:\n" + commitments)
        content["localities/xa-binh-yen.yaml"] = TestContent.locality.replacingOccurrences(of: "Xã An Bình", with: "Xã Bình Yên")
        content["officials/xa-binh-yen/tran-van-yen.md"] = TestContent.official("Trần Văn Yên", """
            commitments:
              - { id: mot, title: "Việc một", group: A, target: 10, actual: 1, published_on: 2026-01-05, deadline: 2026-03-01, status: in_progress }
            """)
        guard let site = try SiteFixture.site(of: content) else { return }
        let page = try #require(site.text("dia-phuong/xa-an-binh/index.html"))
        let section = try #require(page.components(separatedBy: "<h2 id=\"overdue-h\">").last?.components(separatedBy: "</section>").first)
        #expect(section.components(separatedBy: "<li class=\"card st-overdue\"").count - 1 == SitePlan.PageSize.localityOverdue)
        #expect(section.contains("<a href=\"../../cam-ket/qua-han/\">… và 7 cam kết quá hạn khác"), "\(section.suffix(400))")
        // The most overdue first: the earliest deadline (1 March) is shown.
        #expect(section.contains("01/03/2026"))
        let small = try #require(site.text("dia-phuong/xa-binh-yen/index.html"))
        let smallSection = try #require(small.components(separatedBy: "<h2 id=\"overdue-h\">").last?.components(separatedBy: "</section>").first)
        #expect(!smallSection.contains("class=\"more\""), "\(smallSection)")
        #expect(site.pagesOver(200_000).isEmpty, "\(site.pagesOver(200_000))")
    }

    /// A commune with more officials than one notice part holds gets its
    /// printable notice in parts: each official once, in leaderboard order,
    /// at most `PageSize.noticeOfficials` a part, every page under 200 KB
    /// (one part held every official's QR code: 1.9 MB for 300 officials).
    @Test func aLargeCommuneGetsItsNoticeInParts() throws {
        var content = TestContent()
        let n = 2 * SitePlan.PageSize.noticeOfficials + 5
        for i in 1...n {
            content["officials/xa-an-binh/can-bo-\(i).md"] = TestContent.official("Cán Bộ Số \(i)", role: "other", """
                commitments:
                  - { id: viec-\(i), title: "Việc số \(i)", group: A, target: 10, published_on: 2026-01-05, deadline: 2026-06-30, status: done, completed_on: 2026-06-01, actual: 10 }
                """)
        }
        // A commune whose notice has one part, beside it.
        content["localities/xa-binh-yen.yaml"] = TestContent.locality.replacingOccurrences(of: "Xã An Bình", with: "Xã Bình Yên")
        content["officials/xa-binh-yen/tran-van-yen.md"] = TestContent.official("Trần Văn Yên")
        guard let site = try SiteFixture.site(of: content) else { return }
        // One part: no part line, no pager, and no blank line left where they
        // would be (every published notice would change bytes for nothing).
        let single = try #require(site.text("dia-phuong/xa-binh-yen/thong-bao/index.html"))
        let notice = try #require(single.components(separatedBy: "<div class=\"notice\">").last?.components(separatedBy: "<section class=\"notice-feedback\">").first)
        #expect(!notice.contains("notice-part") && !notice.contains("class=\"pager\"") && !notice.contains("\n\n"), "\(notice)")
        #expect(site.files["dia-phuong/xa-binh-yen/thong-bao/trang-2/index.html"] == nil)
        let base = "dia-phuong/xa-an-binh/thong-bao/"
        let parts = [base + "index.html", base + "trang-2/index.html", base + "trang-3/index.html"]
        #expect(site.files[base + "trang-4/index.html"] == nil)
        var names: [String] = []
        for (k, part) in parts.enumerated() {
            guard let html = site.text(part) else { Issue.record("no \(part)"); continue }
            let sections = html.components(separatedBy: "<section class=\"notice-official\">").dropFirst()
            #expect(sections.count == (k < 2 ? SitePlan.PageSize.noticeOfficials : n + 1 - 2 * SitePlan.PageSize.noticeOfficials), "\(part)")
            names += sections.compactMap { $0.components(separatedBy: "<h2>").dropFirst().first?.components(separatedBy: "</h2>").first }
            #expect(html.contains("<p class=\"notice-part\">Trang \(k + 1)/3</p>"), "\(part)")
            #expect(html.contains("rel=\"prev\"") == (k > 0) && html.contains("rel=\"next\"") == (k < 2), "\(part)")
            #expect(html.contains("notice-feedback"), "every part ends with the contacts: \(part)")
            #expect(site.files["en/" + part] != nil)
        }
        // Every official once, in the locality's leaderboard order.
        #expect(names.count == n + 1 && Set(names).count == n + 1, "\(names)")
        let locality = try #require(site.text("dia-phuong/xa-an-binh/index.html"))
        let order = names.compactMap { locality.range(of: ">" + $0 + "<")?.lowerBound }
        #expect(order.count == names.count && order == order.sorted(), "the parts follow the leaderboard")
        #expect(site.pagesOver(200_000).isEmpty, "\(site.pagesOver(200_000))")
    }

    /// A locality with more officials than one leaderboard page holds shows
    /// the first `PageSize.localityOfficials` on its own page and the rest on
    /// `xep-hang/<id>/trang-N/`: every official once, in rank order, pagers
    /// both ways, every page under 200 KB (600 officials made a 316 KB
    /// page). A locality of one page has no pager and no extra page.
    @Test func aLargeLocalityGetsItsLeaderboardInPages() throws {
        var content = TestContent()
        // Enough for two leaderboard pages and two pages of data files (two files an official).
        let n = max(SitePlan.PageSize.localityOfficials, SitePlan.PageSize.dataFiles / 2) + 5
        for i in 1...n {
            content["officials/xa-an-binh/can-bo-\(i).md"] = TestContent.official("Cán Bộ Số \(i)", role: "other", """
                commitments:
                  - { id: viec-\(i), title: "Việc số \(i)", group: A, target: 10, published_on: 2026-01-05, deadline: 2026-06-30, status: done, completed_on: 2026-06-01, actual: \(i % 10 + 1) }
                """)
        }
        content["localities/xa-binh-yen.yaml"] = TestContent.locality.replacingOccurrences(of: "Xã An Bình", with: "Xã Bình Yên")
        content["officials/xa-binh-yen/tran-van-yen.md"] = TestContent.official("Trần Văn Yên")
        guard let site = try SiteFixture.site(of: content) else { return }
        let small = try #require(site.text("dia-phuong/xa-binh-yen/index.html"))
        #expect(!small.contains("class=\"pager\""))
        #expect(site.files["xep-hang/xa-binh-yen/trang-2/index.html"] == nil)
        let boardPages = SitePlan.pageCount(n + 1, SitePlan.PageSize.localityOfficials)
        let parts = ["dia-phuong/xa-an-binh/index.html"] + (2...boardPages).map { "xep-hang/xa-an-binh/trang-\($0)/index.html" }
        #expect(site.files["xep-hang/xa-an-binh/trang-\(boardPages + 1)/index.html"] == nil)
        var ranks: [Int] = [], names: [String] = []
        for (k, part) in parts.enumerated() {
            guard let html = site.text(part) else { Issue.record("no \(part)"); continue }
            let board = try #require(html.components(separatedBy: "<table class=\"sortable stack\">").dropFirst().first?
                .components(separatedBy: "</table>").first)
            let rows = board.components(separatedBy: "<tr><td data-label=\"Hạng\">").dropFirst()
            #expect(rows.count == Pager.range(page: k + 1, size: SitePlan.PageSize.localityOfficials, count: n + 1).count, "\(part)")
            ranks += rows.compactMap { Int($0.prefix { $0.isNumber }) }
            names += rows.compactMap { $0.components(separatedBy: "/\">").dropFirst().first?.components(separatedBy: "</a>").first }
            #expect(html.contains("<p>Trang \(k + 1)/\(boardPages)</p>"), "\(part)")
            #expect(html.contains("rel=\"prev\"") == (k > 0) && html.contains("rel=\"next\"") == (k < boardPages - 1), "\(part)")
            #expect(site.files["en/" + part] != nil)
            // Which officials the page holds, and that a column sort reorders only them.
            let range = Pager.range(page: k + 1, size: SitePlan.PageSize.localityOfficials, count: n + 1)
            #expect(html.contains("<p class=\"board-scope\">Trang này là dòng \(range.lowerBound + 1)–\(range.upperBound) trong \(n + 1) dòng của bảng xếp hạng. Bấm tiêu đề cột chỉ sắp xếp lại các dòng của trang này.</p>"), "\(part)")
            #expect(site.text("en/" + part)?.contains("Sorting by a column reorders this page&#39;s rows only.") == true
                    || site.text("en/" + part)?.contains("Sorting by a column reorders this page&#x27;s rows only.") == true, "\(part)")
        }
        #expect(!small.contains("board-scope"), "a board on one page says nothing of pages")
        let second = try #require(site.text(parts[1]))
        #expect(second.contains("href=\"../../../dia-phuong/xa-an-binh/\" rel=\"prev\""), "page 2 leads back to the locality")
        #expect(names.count == n + 1 && Set(names).count == n + 1, "every official once")
        #expect(ranks == ranks.sorted() && ranks.first == 1, "in rank order: \(ranks.prefix(5)) … \(ranks.suffix(5))")
        #expect(site.text("sitemap.xml")?.contains("/xep-hang/xa-an-binh/trang-2/</loc>") == true)
        // The locality's data files, in pages: every official's two files once.
        var listed: [String] = []
        for page in 1...3 {
            let path = "du-lieu/tep/xa-an-binh/" + (page == 1 ? "" : "trang-\(page)/") + "index.html"
            guard let html = site.text(path) else { #expect(page == 3, "no \(path)"); continue }
            listed += html.components(separatedBy: "<li><a href=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
                .filter { $0.contains("/data/") }
        }
        #expect(listed.count == Set(listed).count && listed.filter { $0.contains("/officials/xa-an-binh/can-bo-") }.count == n)
        #expect(listed.filter { $0.contains("/explanations/xa-an-binh/") }.count == n + 1)
        #expect(site.text("du-lieu/tep/xa-binh-yen/index.html")?.contains("class=\"pager\"") == false)
        #expect(site.pagesOver(200_000).isEmpty, "\(site.pagesOver(200_000))")
    }

    /// An official with more published commitments than one page holds
    /// shows the first `PageSize.officialCommitments` cards on their page
    /// and the rest on `…/<official>/trang-N/`; every link to a card (search,
    /// home, lists, feeds, changes) goes to the page that holds it; each
    /// measure of the breakdown lists at most `PageSize.breakdownItems`
    /// items and links to the explanation file for the rest; the notice
    /// lists `PageSize.noticeCommitments` and says how many more. Every page
    /// stays under 200 KB (300 commitments made a 478 KB page).
    /// A profile longer than `PageSize.bodyBytes` of HTML shows its first
    /// whole blocks and links to the published content file, which has all
    /// of it (decision 107): a 370 KB body made a 410 KB page. A short
    /// profile is shown whole, with no link.
    @Test func aLongProfileShowsItsFirstBlocksAndLinksToTheWholeText() throws {
        var content = TestContent()
        let paragraph = String(repeating: "Ông đã chủ trì các cuộc họp về cải cách thủ tục hành chính tại trụ sở. ", count: 20)
        let body = (1...150).map { "Đoạn \($0). " + paragraph }.joined(separator: "\n\n") + "\n"
        content["officials/xa-an-binh/dai-dong.md"] = TestContent.official("Dài Dòng", role: "other").replacingOccurrences(of: "Giới thiệu.\n", with: body)
        // One paragraph longer than the budget by itself: the section holds the link alone.
        content["officials/xa-an-binh/mot-doan.md"] = TestContent.official("Một Đoạn", role: "other")
            .replacingOccurrences(of: "Giới thiệu.\n", with: "Một đoạn. " + String(repeating: paragraph, count: 60) + "\n")
        guard let site = try SiteFixture.site(of: content) else { return }
        let page = try #require(site.text("dia-phuong/xa-an-binh/dai-dong/index.html"))
        let section = try #require(page.components(separatedBy: "<section class=\"body\"").last?.components(separatedBy: "</section>").first)
        #expect(section.utf8.count < SitePlan.PageSize.bodyBytes + 1_000 && section.contains("<p>Đoạn 1. ") && !section.contains("Đoạn 150."))
        // Whole paragraphs only: every shown paragraph is closed, and the cut is right after one.
        let shown = section.components(separatedBy: "<p>Đoạn ").count - 1
        #expect(shown > 10 && section.components(separatedBy: "</p>").count - 1 == shown + 1)
        let link = "href=\"../../../data/content/officials/xa-an-binh/dai-dong.md\">Phần thông tin còn lại ("
        #expect(section.contains(link), "\(section.suffix(300))")
        #expect(site.files["data/content/officials/xa-an-binh/dai-dong.md"].map { String(decoding: $0, as: UTF8.self).contains("Đoạn 150.") } == true)
        #expect(site.text("en/dia-phuong/xa-an-binh/dai-dong/index.html")?.contains("The rest of the profile (") == true)
        #expect(site.pagesOver(200_000).isEmpty, "\(site.pagesOver(200_000))")
        let single = try #require(site.text("dia-phuong/xa-an-binh/mot-doan/index.html"))
        let alone = try #require(single.components(separatedBy: "<section class=\"body\"").last?.components(separatedBy: "</section>").first)
        #expect(!alone.contains("Một đoạn.") && alone.contains("mot-doan.md\">Phần thông tin còn lại ("), "\(alone)")
        let short = try #require(site.text("dia-phuong/xa-an-binh/nguyen-van-an/index.html"))
        #expect(short.contains("<p>Giới thiệu.</p>") && !short.contains("Phần thông tin còn lại"))
        // The content file is not per language: the English page links to the same one.
        #expect(site.brokenLinks().isEmpty, "\(site.brokenLinks().prefix(5))")
    }

    /// Post-audits, incidents and initiatives stop at `breakdownRecords`
    /// each and link to where every one is; the score card's "why" names
    /// the first `whyAudits` applied audits and counts the rest (decision
    /// 113). 3,000 incidents, 1,500 initiatives and 1,500 audits made a
    /// 2.4 MB page.
    @Test func anOfficialWithManyRecordsListsTheFirstAndLinksTheRest() throws {
        var content = TestContent()
        let limit = SitePlan.PageSize.breakdownRecords, n = limit + 7
        var lines = ["incidents:"]
        for i in 1...n {
            lines.append("  - { id: su-co-\(i), title: \"Sự cố số \(i)\", kind: environment, occurred: 2026-03-01T01:00, responded: 2026-03-01T02:00, resolved: 2026-03-02T01:00, target_response_hours: 12, outcome: resolved }")
        }
        lines.append("initiatives:")
        for i in 1...n {
            lines.append("  - { id: sang-kien-\(i), title: \"Sáng kiến số \(i)\", adopted_on: 2024-08-06, baseline: { days: 15 }, current: { days: 14 } }")
        }
        content["officials/xa-an-binh/nhieu-ho-so.md"] = TestContent.official("Nhiều Hồ Sơ", role: "other", lines.joined(separator: "\n"))
        content["audits/nhieu.yaml"] = (1...n).map {
            "- { official: xa-an-binh/nhieu-ho-so, by: \"HĐND xã\", on: 2026-10-01, finding: \"Kết luận số \($0)\", action: { deduct: 0.01 }, reference: \"NQ \($0)\" }\n"
        }.joined()
        guard let site = try SiteFixture.site(of: content) else { return }
        let page = try #require(site.text("dia-phuong/xa-an-binh/nhieu-ho-so/index.html"))
        func count(_ s: String) -> Int { page.components(separatedBy: s).count - 1 }
        #expect(count("<li><time datetime=\"2026-10-01\">") == limit)
        #expect(count("data-label=\"Sự cố\">Sự cố số") == limit && page.contains(">Sự cố số \(limit)<") && !page.contains(">Sự cố số \(limit + 1)<"))
        #expect(count("<li><strong>Sáng kiến số") == limit)
        #expect(page.contains("href=\"../../../data/explanations/xa-an-binh/nhieu-ho-so.json\">… và \(n - limit) kết luận hậu kiểm khác"))
        #expect(page.contains("href=\"../../../data/content/officials/xa-an-binh/nhieu-ho-so.md\">… và \(n - limit) sự cố khác"))
        #expect(page.contains("href=\"../../../data/content/officials/xa-an-binh/nhieu-ho-so.md\">… và \(n - limit) sáng kiến khác"))
        #expect(count("(«Kết luận số") == SitePlan.PageSize.whyAudits)
        #expect(page.contains("Cùng \(n - SitePlan.PageSize.whyAudits) kết luận hậu kiểm khác đã áp dụng"))
        let en = try #require(site.text("en/dia-phuong/xa-an-binh/nhieu-ho-so/index.html"))
        #expect(en.contains("… and \(n - limit) more incidents") && en.contains("With \(n - SitePlan.PageSize.whyAudits) more post-audit"))
        // Where the links lead holds every one of them.
        let published = String(decoding: try #require(site.files["data/content/officials/xa-an-binh/nhieu-ho-so.md"]), as: UTF8.self)
        #expect(published.contains("Sự cố số \(n)\"") && published.contains("Sáng kiến số \(n)\""))
        let explanation = String(decoding: try #require(site.files["data/explanations/xa-an-binh/nhieu-ho-so.json"]), as: UTF8.self)
        #expect(explanation.contains("Kết luận số \(n)\""))
        // An official with a handful of each has no such line.
        let other = try #require(site.text("dia-phuong/xa-an-binh/nguyen-van-an/index.html"))
        #expect(!other.contains("class=\"more\"><a href=\"../../../data/content"))
    }

    /// A card lists earlier reports only while their notes and links fit
    /// in `cardUpdateBytes` (decision 114): fifty cards of 21 reports with
    /// 450-byte notes made an 850 KB page.
    @Test func longReportsKeepAPageOfCardsSmall() throws {
        var content = TestContent()
        let note = String(repeating: "Đã triển khai các hạng mục theo kế hoạch. ", count: 10)  // 540 bytes
        var lines = ["commitments:"]
        for i in 1...SitePlan.PageSize.officialCommitments {
            lines.append("  - id: viec-\(i)\n    title: \"Việc số \(i)\"\n    group: A\n    target: 10\n    published_on: 2026-01-05\n    deadline: 2026-12-30\n    status: in_progress\n    updates:")
            for day in 1...25 { lines.append("      - { on: 2026-03-\(day < 10 ? "0" : "")\(day), progress: \(day), note: \"\(note)\(day)\" }") }
        }
        content["officials/xa-an-binh/bao-cao-dai.md"] = TestContent.official("Báo Cáo Dài", role: "other", lines.joined(separator: "\n"))
        guard let site = try SiteFixture.site(of: content) else { return }
        let page = try #require(site.text("dia-phuong/xa-an-binh/bao-cao-dai/index.html"))
        let card = try #require(page.components(separatedBy: "id=\"ck-viec-1\"").last?.components(separatedBy: "</article>").first)
        // The latest (25 March) and those before it whose notes fit in the budget together; the rest counted.
        var fit = 0, bytes = 0
        for day in (1...24).reversed() {
            bytes += (note + String(day)).utf8.count
            if bytes > SitePlan.PageSize.cardUpdateBytes { break }
            fit += 1
        }
        #expect(fit >= 1 && fit < 10, "\(fit)")
        #expect(card.contains("\(note)25") && card.contains("\(note)\(25 - fit)") && !card.contains("\(note)\(24 - fit)<"))
        #expect(card.contains("… và \(24 - fit) báo cáo trước đó"))
        #expect(site.pagesOver(200_000).isEmpty, "\(site.pagesOver(200_000))")
    }

    /// A locality's indicators stop at `localityRecords` and link to the
    /// published locality file, which holds them all (decision 113): 3,000
    /// indicators made a 1 MB page.
    @Test func aLocalityWithManyIndicatorsListsTheFirstAndLinksTheRest() throws {
        var content = TestContent()
        let limit = SitePlan.PageSize.localityRecords, n = limit + 4
        content["localities/xa-an-binh.yaml"] = TestContent.locality + "\nindicators:\n" + (1...n).map {
            "  - { id: chi-tieu-\($0), name: \"Chỉ tiêu số \($0)\", unit: \"%\", baseline: 12.6, target: 10.6, actual: 11.6, direction: lower }\n"
        }.joined()
        guard let site = try SiteFixture.site(of: content) else { return }
        let page = try #require(site.text("dia-phuong/xa-an-binh/index.html"))
        #expect(page.components(separatedBy: ">Chỉ tiêu số ").count - 1 == limit && page.contains(">Chỉ tiêu số \(limit) (%)<"))
        #expect(page.contains("href=\"../../data/content/localities/xa-an-binh.yaml\">… và \(n - limit) chỉ tiêu khác"))
        #expect(site.text("en/dia-phuong/xa-an-binh/index.html")?.contains("… and \(n - limit) more indicators") == true)
        let published = String(decoding: try #require(site.files["data/content/localities/xa-an-binh.yaml"]), as: UTF8.self)
        #expect(published.contains("Chỉ tiêu số \(n)\""))
    }

    @Test func anOfficialWithManyCommitmentsGetsThemInPages() throws {
        var content = TestContent()
        let n = SitePlan.PageSize.officialCommitments + 5
        var lines = ["commitments:"]
        for i in 1...n {
            lines.append("  - { id: viec-\(i), title: \"Việc số \(i)\", group: A, target: 10, published_on: 2026-01-05, deadline: 2026-06-30, status: done, completed_on: 2026-06-01, actual: 10 }")
        }
        // One commitment reported on every day of January: its card lists the latest and `cardUpdates` before it.
        lines.append("  - id: bao-cao-hang-ngay\n    title: \"Báo cáo hằng ngày\"\n    group: A\n    target: 10\n    published_on: 2026-01-01\n    deadline: 2026-12-30\n    status: in_progress\n    updates:")
        for day in 1...31 { lines.append("      - { on: 2026-01-\(day < 10 ? "0" : "")\(day), progress: \(day), note: \"Ngày \(day)\" }") }
        content["officials/xa-an-binh/nhieu-viec.md"] = TestContent.official("Nhiều Việc", role: "other", lines.joined(separator: "\n"))
        guard let site = try SiteFixture.site(of: content) else { return }
        let base = "dia-phuong/xa-an-binh/nhieu-viec/"
        let first = try #require(site.text(base + "index.html"))
        let second = try #require(site.text(base + "trang-2/index.html"))
        #expect(site.files[base + "trang-3/index.html"] == nil && site.files["en/" + base + "trang-2/index.html"] != nil)
        func cards(_ html: String) -> [String] {
            html.components(separatedBy: "id=\"ck-").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
        }
        #expect(cards(first) == (1...SitePlan.PageSize.officialCommitments).map { "viec-\($0)" })
        #expect(cards(second) == ((SitePlan.PageSize.officialCommitments + 1)...n).map { "viec-\($0)" } + ["bao-cao-hang-ngay"])
        let daily = try #require(second.components(separatedBy: "id=\"ck-bao-cao-hang-ngay\"").last?.components(separatedBy: "</article>").first)
        #expect(daily.components(separatedBy: "Ngày ").count - 1 == 1 + SitePlan.PageSize.cardUpdates, "the latest and those before it")
        #expect(daily.contains("Ngày 31") && !daily.contains("Ngày 10<") && daily.contains("… và \(31 - 1 - SitePlan.PageSize.cardUpdates) báo cáo trước đó"))
        #expect(first.contains("<p>Trang 1/2</p>") && second.contains("href=\"../../../../dia-phuong/xa-an-binh/nhieu-viec/\" rel=\"prev\""))
        // The pager carries the note `site.js` shows when a table of one page is sorted, in the page's language.
        #expect(first.contains("data-sort-note=\"Đã sắp xếp các dòng của trang này"))
        #expect(site.text("en/" + base + "trang-2/index.html")?.contains("data-sort-note=\"Sorted the rows of this page only") == true)
        // Links to a card on page 2 name page 2.
        let search = site.files.filter { $0.key.hasPrefix("search/") }.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(search.contains(base + "trang-2/#ck-viec-\(n)") && search.contains(base + "#ck-viec-1\""))
        #expect(!search.contains(base + "#ck-viec-\(n)\""))
        // The breakdown's lists stop at `breakdownItems` and point to the explanation file.
        for list in first.components(separatedBy: "<ul class=\"items\">").dropFirst() {
            let items = list.components(separatedBy: "</ul>")[0].components(separatedBy: "<li>").count - 1
            #expect(items <= SitePlan.PageSize.breakdownItems)
        }
        #expect(first.contains("href=\"../../../data/explanations/xa-an-binh/nhieu-viec.json\">… và \(n + 1 - SitePlan.PageSize.breakdownItems) cam kết khác"))
        let notice = try #require(site.text("dia-phuong/xa-an-binh/thong-bao/index.html"))
        #expect(notice.contains("… và \(n + 1 - SitePlan.PageSize.noticeCommitments) cam kết khác"))
        #expect(site.pagesOver(200_000).isEmpty, "\(site.pagesOver(200_000))")
        // The explanation file the breakdown links to is not per language either.
        #expect(site.brokenLinks().isEmpty, "\(site.brokenLinks().prefix(5))")
    }
}

/// Publishing: a failed build leaves the old site; a held lock refuses a second build.
@Suite struct PublishTests {
    func tree() throws -> String { try TestContent().write() }

    @Test func failedBuildLeavesThePreviousSiteUntouched() throws {
        let content = try tree()
        defer { try? FileManager.default.removeItem(atPath: content) }
        let (out, first, _) = try SiteFixture.build(content: content)
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .built = first.outcome else { Issue.record("first build failed: \(first.outcome)"); return }
        let before = try BuiltSite(root: out)
        try Data("name: [unclosed\n".utf8).write(to: URL(fileURLWithPath: content + "/localities/xa-an-binh.yaml"))
        let log = DiagnosticLog()
        let second = SiteBuild.run(.init(content: content, output: out), log: log)
        guard case .contentErrors = second.outcome else { Issue.record("expected content errors"); return }
        let after = try BuiltSite(root: out)
        #expect(before.files == after.files)
        let parent = (out as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent)
            .filter { $0.hasPrefix("." + (out as NSString).lastPathComponent + ".congkhai-") }
        #expect(leftovers.isEmpty)
    }

    /// Files are compared with their published copies only when a site is
    /// there: a first build does not ask for each of its files' copies.
    @Test func onlyAPublishedSiteIsComparedWith() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let p = Publisher(destination: out)
        try p.withLock {
            let first = try p.stage()
            #expect(!first.comparesWithPublished)
            try first.write(OutputFile(path: "a.html", text: "a"))
            #expect(first.rewrittenCount == 1)
            try p.commit(first)
            let second = try p.stage()
            #expect(second.comparesWithPublished)
            try second.write(OutputFile(path: "a.html", text: "a"))
            #expect(second.rewrittenCount == 0, "the unchanged file is linked, not written")
            p.discard(second)
        }
    }

    @Test func unchangedFilesKeepTheirInodeAndModificationTime() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mtime-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let p = Publisher(destination: out)
        try p.withLock { try p.publish([OutputFile(path: "a/same.html", text: "same"), OutputFile(path: "changed.html", text: "v1"),
                                        OutputFile(path: "grows.html", text: "x")]) }
        func info(_ path: String) -> (ino: UInt64, mtime: Int) {
            var st = stat()
            _ = stat(out + "/" + path, &st)
            return (UInt64(st.st_ino), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
        }
        let before = (same: info("a/same.html"), changed: info("changed.html"))
        Thread.sleep(forTimeInterval: 0.02)
        try p.withLock { try p.publish([OutputFile(path: "a/same.html", text: "same"), OutputFile(path: "changed.html", text: "v2"),
                                        OutputFile(path: "grows.html", text: "xy")]) }
        #expect(info("a/same.html").ino == before.same.ino && info("a/same.html").mtime == before.same.mtime)
        #expect(info("changed.html").ino != before.changed.ino)
        #expect(try String(contentsOfFile: out + "/changed.html", encoding: .utf8) == "v2")
        #expect(try String(contentsOfFile: out + "/grows.html", encoding: .utf8) == "xy")
    }

    /// A file written in pieces (an open-data table) keeps its inode and
    /// mtime exactly when every piece matched the published file to its
    /// end, and is hashed as the whole of its pieces.
    @Test func streamedFilesAreLinkedOnlyWhenEveryPieceMatches() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let p = Publisher(destination: out)
        let whole = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        /// `bytes` as a streamed file, in pieces of 65,537 bytes (not aligned with the comparison's reads).
        func streamed(_ path: String, _ bytes: [UInt8]) -> OutputFile {
            OutputFile(path: path, streamed: { sink in
                var at = 0
                while at < bytes.count {
                    try sink(Array(bytes[at..<min(bytes.count, at + 65_537)]))
                    at += 65_537
                }
            })
        }
        var middle = whole
        middle[150_000] ^= 1
        var last = whole
        last[whole.count - 1] ^= 1
        let names = ["same", "middle", "last", "longer", "shorter", "empty", "link"]
        try p.withLock { try p.publish(names.map { name in
            name == "empty" ? streamed(name, []) : OutputFile(path: name, bytes: name == "longer" ? whole + [1] : whole)
        }) }
        try FileManager.default.removeItem(atPath: out + "/link")
        try FileManager.default.createSymbolicLink(atPath: out + "/link", withDestinationPath: out + "/same")
        func inode(_ path: String) -> UInt64 {
            var st = stat()
            _ = lstat(out + "/" + path, &st)
            return UInt64(st.st_ino)
        }
        let before = Dictionary(uniqueKeysWithValues: names.map { ($0, inode($0)) })
        let now: [String: [UInt8]] = ["same": whole, "middle": middle, "last": last, "longer": whole,
                                      "shorter": whole, "empty": [], "link": whole]
        var hashes: [String: String] = [:]
        try p.withLock {
            let staging = try p.stage()
            for name in names { try staging.write(streamed(name, name == "shorter" ? whole + [9] : now[name] ?? [])) }
            hashes = staging.hashes
            #expect(staging.rewrittenCount == 5)
            try p.commit(staging)
        }
        #expect(inode("same") == before["same"] && inode("empty") == before["empty"])
        for name in ["middle", "last", "longer", "shorter", "link"] { #expect(inode(name) != before[name], "\(name)") }
        for name in names {
            let expected = name == "shorter" ? whole + [9] : now[name] ?? []
            // Compared as a Bool: a failure would print 300,000 bytes otherwise.
            let written = FileManager.default.contents(atPath: out + "/" + name).map { [UInt8]($0) == expected }
            #expect(written == true, "\(name)")
            #expect(hashes[name] == SHA256.hex(expected), "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains("congkhai-link") }.isEmpty)
    }

    /// A commitment card names its partner localities by their names, in
    /// the order listed (looked up by id, not by scanning every locality).
    @Test func commitmentCardsNamePartnerLocalities() throws {
        var c = TestContent()
        c["localities/xa-tan-phu.yaml"] = TestContent.locality.replacingOccurrences(of: "An Bình", with: "Tân Phú")
        c["localities/xa-hoa.yaml"] = TestContent.locality.replacingOccurrences(of: "An Bình", with: "Hoà")
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", role: "chairman", """
        commitments:
          - { id: b, title: "Đường liên xã", group: B, target: 10, actual: 0, deadline: 2026-06-30, status: in_progress, partners: [xa-tan-phu, xa-hoa] }
        """)
        let content = try c.write()
        defer { try? FileManager.default.removeItem(atPath: content) }
        let (out, report, log) = try SiteFixture.build(content: content)
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .built = report.outcome else { Issue.record("build failed: \(log.items.map(\.description))"); return }
        let page = try String(contentsOfFile: out + "/dia-phuong/xa-an-binh/nguyen-van-an/index.html", encoding: .utf8)
        #expect(page.contains("Phối hợp với: Xã Tân Phú, Xã Hoà"))
    }

    /// Folders are made with `mkdir` as files arrive, at any depth; a file
    /// standing where a folder must go is an error naming that folder.
    @Test func stagingMakesFoldersAndRefusesAFileInTheWay() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dirs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let p = Publisher(destination: out)
        try p.withLock {
            let staging = try p.stage()
            try staging.write(OutputFile(path: "a/b/c/d.html", text: "deep"))
            try staging.write(OutputFile(path: "a/b/e.html", text: "beside"))
            try staging.write(OutputFile(path: "a/x", text: "a file"))
            // The folder that cannot be made is named, not the file meant for it.
            let error = #expect(throws: Publisher.Failure.self) { try staging.write(OutputFile(path: "a/x/y.html", text: "under a file")) }
            #expect(error?.description.hasPrefix("cannot create \(staging.dir)/a/x:") == true)
            try p.commit(staging)
        }
        #expect(try String(contentsOfFile: out + "/a/b/c/d.html", encoding: .utf8) == "deep")
        #expect(try String(contentsOfFile: out + "/a/b/e.html", encoding: .utf8) == "beside")
        #expect(Staging.parent(of: "a/b/c.html") == "a/b")
        #expect(Staging.parent(of: "/top") == "/")
        #expect(Staging.parent(of: "alone") == ".")
    }

    /// The previous site is removed after the swap without following a link
    /// in it: a link to a folder outside (put there by hand on the server)
    /// goes, the folder it points to stays. Nothing of the old site is left
    /// beside the new one but its empty folders.
    @Test func thePreviousSiteIsRemovedWithoutFollowingLinks() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("swap-\(UUID().uuidString)").path
        let out = base + "/site", outside = base + "/outside"
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: outside + "/deep", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: outside + "/deep/keep.txt", contents: Data("keep".utf8))
        let p = Publisher(destination: out)
        try p.withLock { try p.publish((0..<300).map { OutputFile(path: "d\($0 % 7)/e\($0 % 3)/p\($0).html", text: "old \($0)") }) }
        try FileManager.default.createSymbolicLink(atPath: out + "/d1/linked", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: out + "/d1/e0/file-link", withDestinationPath: outside + "/deep/keep.txt")
        try p.withLock { try p.publish([OutputFile(path: "index.html", text: "new")]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["index.html"])
        #expect(try String(contentsOfFile: outside + "/deep/keep.txt", encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).sorted() == [".site.congkhai.folders", ".site.congkhai.lock", "outside", "site"])
        // The old site's folders are kept for the next build (`SpareFolders`), and nothing else of it.
        let kept = FileManager.default.enumerator(atPath: base + "/.site.congkhai.folders")
        while let name = kept?.nextObject() as? String {
            var st = stat()
            _ = lstat(base + "/.site.congkhai.folders/" + name, &st)
            #expect(st.st_mode & S_IFMT == S_IFDIR, "\(name)")
        }
        Publisher.removeTree(base + "/.site.congkhai.folders")
        // A file, a missing path and a link given as the tree itself.
        _ = FileManager.default.createFile(atPath: base + "/single", contents: Data("x".utf8))
        Publisher.removeTree(base + "/single")
        Publisher.removeTree(base + "/missing")
        try FileManager.default.createSymbolicLink(atPath: base + "/top-link", withDestinationPath: outside)
        Publisher.removeTree(base + "/top-link")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).sorted() == [".site.congkhai.lock", "outside", "site"])
        #expect(FileManager.default.fileExists(atPath: outside + "/deep/keep.txt"))
    }

    /// A published file is "unchanged" only with exactly the same bytes:
    /// not a prefix, not a longer file, not a link to the same bytes.
    @Test func unchangedMeansTheSameBytes() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("same-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(big).write(to: URL(fileURLWithPath: out + "/big"))
        _ = FileManager.default.createFile(atPath: out + "/empty", contents: Data())
        try FileManager.default.createSymbolicLink(atPath: out + "/link", withDestinationPath: out + "/big")
        let p = Publisher(destination: out)
        #expect(p.isUnchanged(big, at: out + "/big"))
        var late = big
        late[199_999] ^= 1
        #expect(!p.isUnchanged(late, at: out + "/big"))
        var early = big
        early[70_000] ^= 1
        #expect(!p.isUnchanged(early, at: out + "/big"))
        #expect(!p.isUnchanged(Array(big.dropLast()), at: out + "/big"))
        #expect(p.isUnchanged([], at: out + "/empty"))
        #expect(!p.isUnchanged(big, at: out + "/link"))
        #expect(!p.isUnchanged(big, at: out + "/missing"))
    }

    @Test func theRepositoryPlaceholderSurvives() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("keep-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: out + "/.gitkeep", contents: Data())
        _ = FileManager.default.createFile(atPath: out + "/stale.html", contents: Data("old".utf8))
        let p = Publisher(destination: out)
        try p.withLock { try p.publish([OutputFile(path: "index.html", text: "new")]) }
        #expect(FileManager.default.fileExists(atPath: out + "/.gitkeep"))
        #expect(!FileManager.default.fileExists(atPath: out + "/stale.html"))
        try? FileManager.default.removeItem(atPath: out)
    }

    @Test func aHeldLockRefusesASecondPublisher() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)").path
        let p = Publisher(destination: out)
        try p.withLock {
            #expect(throws: Publisher.Failure.self) { try Publisher(destination: out).withLock {} }
        }
    }

    @Test func leftoversOfAKilledBuildAreRemoved() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("left-\(UUID().uuidString)").path
        let p = Publisher(destination: out)
        let stale = (out as NSString).deletingLastPathComponent + "/." + (out as NSString).lastPathComponent + ".congkhai-new-99999"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        try p.withLock { try p.publish([OutputFile(path: "index.html", text: "ok")]) }
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.contents(atPath: out + "/index.html") == Data("ok".utf8))
        try p.withLock { try p.publish([OutputFile(path: "index.html", text: "two")]) }
        #expect(FileManager.default.contents(atPath: out + "/index.html") == Data("two".utf8))
        try? FileManager.default.removeItem(atPath: out)
    }
}
