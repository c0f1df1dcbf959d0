/// The open data files, described, and every published data file linked
/// (so a `wget --mirror` copy can be recomputed and verified).
struct OpenDataPage: Encodable, Sendable {
    struct File: Encodable, Sendable {
        var name: String
        var href: String
        var description: String?
    }

    var files: [File]
    var allFiles: [File]
}

extension SiteRenderer {
    func openDataPage(_ d: Display) -> OpenDataPage {
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
        all += p.inputFiles.filter { !$0.hasPrefix("feedback/") && !$0.hasPrefix("static/") }.map { "data/content/" + $0 }
        for (li, l) in p.localities.enumerated() where run.scoreboard.tally.localitySummaries[li].rows > 0 {
            all.append("data/feedback/\(l.id).csv.gz")
        }
        for o in p.officials { all.append("data/explanations/\(o.locality)/\(o.id).json") }
        all += ["search-index.json", "sitemap.xml", "feed.xml", SitePaths.changesFeed, "404.html"]
        var entries = ["data/ledger/entries.jsonl", "data/ledger/head.json"].map { OpenDataPage.File(name: $0, href: basePath + $0) }
        entries += all.map { OpenDataPage.File(name: $0, href: d.root + $0) }
        entries += history.frozenPeriods.map { OpenDataPage.File(name: "ky/\($0)/", href: basePath + "ky/\($0)/") }
        return OpenDataPage(files: files, allFiles: entries)
    }
}
