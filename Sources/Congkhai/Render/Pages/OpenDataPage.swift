/// The open data files, described, and every published data file linked —
/// the province-wide ones here, each locality's on its own page — so that a
/// `wget --mirror` copy holds them all and `congkhai verify --recompute`
/// works on it, while no page grows with the size of the country.
struct OpenDataPage: Encodable, Sendable {
    struct File: Encodable, Sendable {
        var name: String
        var href: String
        var description: String?
    }

    struct Locality: Encodable, Sendable {
        var name: String
        var href: String
    }

    var files: [File]
    /// The ledger's entry files in order and its head, in a section of
    /// their own (`#so-cai`) that every page's link to the ledger opens:
    /// a split ledger has no one file to link to (decision 118).
    var ledger: [File]
    var allFiles: [File]
    var firstPage: Bool
    var localities: [Locality]
    var pager: Pager
}

/// One locality's published data files.
struct DataFilesPage: Encodable, Sendable {
    var name: String
    var openDataHref: String
    var files: [OpenDataPage.File]
    /// `PageSize.dataFiles` files a page: two an official, so a locality of
    /// 700 officials passed 200 KB (~140 bytes a line). Nil for one page.
    var pager: Pager?
}

extension SiteRenderer {
    func openDataPage(_ page: Int, _ d: Display) -> OpenDataPage {
        let described: [(String, String)] = [
            ("scores.json", "od_scores_json"), ("scores.csv", "od_scores_csv"), ("criteria.csv", "od_criteria_csv"),
            ("explanations/", "od_explanations"), ("commitments.csv", "od_commitments_csv"),
            ("feedback-summary.csv", "od_feedback_csv"), ("datapackage.json", "od_datapackage"), ("manifest.json", "od_manifest"),
        ]
        // The manifest and the ledger belong to the live site: root-absolute, so a frozen copy links to them too.
        let files = described.map { name, key in
            OpenDataPage.File(name: "data/" + name,
                              href: (name == "manifest.json" ? basePath : d.root) + "data/" + (name.hasSuffix("/") ? name + "index.json" : name),
                              description: d.label(key))
        }
        let p = run.province
        var all: [String] = [ScoreHistory.path(period: p.site.period)]
        all += p.inputFiles.filter { !$0.hasPrefix("feedback/") && !$0.hasPrefix("static/") && !$0.hasPrefix("localities/")
            && !$0.hasPrefix("officials/") }.map(SitePaths.contentFile)
        all += [SearchIndex.metaPath, "sitemap.xml", "feed.xml", SitePaths.changesFeed, "404.html"]
        let ledger = (history.ledgerFiles + ["data/ledger/head.json"]).map { OpenDataPage.File(name: $0, href: basePath + $0) }
        var entries = all.map { OpenDataPage.File(name: $0, href: d.root + $0) }
        entries += history.frozenPeriods.map { OpenDataPage.File(name: "ky/\($0)/", href: basePath + "ky/\($0)/") }
        let size = SitePlan.PageSize.dataLocalities
        let localities = Pager.range(page: page, size: size, count: p.localities.count).map { li in
            OpenDataPage.Locality(name: p.localities[li].name, href: d.link(SitePaths.dataFiles(p.localities[li].id)))
        }
        return OpenDataPage(files: page == 1 ? files : [], ledger: page == 1 ? ledger : [], allFiles: page == 1 ? entries : [], firstPage: page == 1,
                            localities: localities,
                            pager: Pager(base: SitePaths.openData, page: page, count: SitePlan.pageCount(p.localities.count, size), d))
    }

    func dataFilesPage(_ li: Int, page: Int, _ d: Display) -> DataFilesPage {
        let p = run.province
        let l = p.localities[li]
        let names = SitePlan.dataFileNames(p, locality: li, contentFiles: contentFilesByLocality[li], officials: officialsByLocality[li],
                                           hasFeedback: run.scoreboard.tally.localitySummaries[li].rows > 0)
        let size = SitePlan.PageSize.dataFiles
        return DataFilesPage(name: l.name, openDataHref: d.link(SitePaths.openData),
                             files: names[Pager.range(page: page, size: size, count: names.count)].map {
                                 OpenDataPage.File(name: $0, href: d.root + $0)
                             },
                             pager: names.count > size
                                 ? Pager(base: SitePaths.dataFiles(l.id), page: page, count: SitePlan.pageCount(names.count, size), d) : nil)
    }
}

extension DataFilesPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("openDataHref", openDataHref); f.put("files", files); f.put("pager", pager)
    }
}

extension OpenDataPage.File: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("href", href); f.put("description", description)
    }
}
