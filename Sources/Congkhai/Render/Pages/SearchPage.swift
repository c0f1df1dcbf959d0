/// Search (enhanced by `site.js` over the index in `search/`, decision 91) and, without
/// JavaScript, the directory of localities and officials.
struct SearchPage: Encodable, Sendable {
    struct Official: Encodable, Sendable {
        var name: String
        var href: String
        var position: String
    }

    struct Locality: Encodable, Sendable {
        var name: String
        var href: String
        var officials: [Official]
    }

    /// The index's folder (`search/`), relative to this page.
    var indexHref: String
    var langPrefix: String
    /// The directory for readers without JavaScript; empty past `directoryLimit`
    /// localities (the paginated localities pages are the directory then).
    var localities: [Locality]
    var tooLong: Bool
    var localitiesHref: String
}

extension SiteRenderer {
    static let directoryLimit = 300
    /// The directory's officials: ~120 bytes a line, so 1,200 keep the
    /// search page near 150 KB. A province of 100 communes of 25 officials
    /// (2,500, under the 300-locality limit) made a 315 KB page.
    static let directoryOfficialsLimit = 1_200

    func searchPage(_ d: Display) -> SearchPage {
        let p = run.province
        guard p.localities.count <= SiteRenderer.directoryLimit, p.officials.count <= SiteRenderer.directoryOfficialsLimit else {
            return SearchPage(indexHref: d.root + SearchIndex.folder, langPrefix: d.prefix, localities: [], tooLong: true,
                              localitiesHref: d.link(SitePaths.localities))
        }
        var byLocality: [String: [SearchPage.Official]] = [:]
        for (oi, o) in p.officials.enumerated() {
            byLocality[o.locality, default: []].append(SearchPage.Official(name: o.name, href: officialLink(oi, d), position: o.position))
        }
        return SearchPage(indexHref: d.root + SearchIndex.folder, langPrefix: d.prefix, localities: p.localities.map { l in
            SearchPage.Locality(name: l.name, href: d.link(SitePaths.locality(l.id)), officials: byLocality[l.id] ?? [])
        }, tooLong: false, localitiesHref: d.link(SitePaths.localities))
    }
}
