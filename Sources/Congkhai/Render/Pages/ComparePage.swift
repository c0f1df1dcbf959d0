/// Officials side by side, one column per criterion with a bar, local
/// governments apart from departments, filterable by context (one static
/// page per context, so no script is needed).
struct ComparePage: Encodable, Sendable {
    struct Filter: Encodable, Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    struct Cell: Encodable, Sendable {
        var criterion: String
        var value: String
        var width: Int
        /// The colour of the band the attainment would fall in (`band-bg-N`).
        var tone: String
    }

    struct Row: Encodable, Sendable {
        var name: String
        var href: String
        var localityName: String
        var total: String
        var band: BandTag
        var cells: [Cell]
    }

    struct Table: Encodable, Sendable {
        var title: String
        var rows: [Row]
    }

    var heading: String
    var filters: [Filter]
    var criteria: [String]
    var tables: [Table]
    var hasRows: Bool
    var provisional: String?
    var pager: Pager
}

extension SiteRenderer {
    func comparePage(_ context: Int?, page: Int, _ d: Display) -> ComparePage {
        let p = run.province
        let fw = p.framework
        let contexts = Locality.Context.allCases
        let wanted = context.map { contexts[$0] }
        var filters = [ComparePage.Filter(label: d.label("compare_all"), href: d.link(SitePaths.compare(nil)), current: context == nil)]
        for (i, c) in contexts.enumerated() where p.localities.contains(where: { $0.context == c }) {
            filters.append(ComparePage.Filter(label: d.label("context_" + c.rawValue), href: d.link(SitePaths.compare(c)), current: context == i))
        }
        // One page of the officials of every group, in order.
        let (total, shown) = compareRows(context, page: page)
        let tables = groupedRanking.groups.indices.compactMap { g -> ComparePage.Table? in
            let rows = shown.filter { $0.group == g }.map { row -> ComparePage.Row in
                // Read in place by index: zipping the criteria with the
                // result's copied each pair (a third of a compare page's
                // retains and releases, ~1,250 pages a language nationally).
                let results = run.scoreboard.results
                let ri = row.result
                let cells = fw.criteria.indices.map { k -> ComparePage.Cell in
                    let counts = results[ri].criteria[k].counts
                    let a = results[ri].criteria[k].attainment ?? .zero
                    return ComparePage.Cell(criterion: fw.criteria[k].name.text(d.language),
                                            value: counts ? d.score(a) : d.label("not_applicable"),
                                            width: counts ? max(1, min(100, a.roundedInt)) : 0,
                                            tone: BandColours.toneClass(fw.bandIndex(for: a.rounded(places: 2))))
                }
                let oi = results[ri].official
                return ComparePage.Row(name: p.officials[oi].name, href: officialLink(oi, d),
                                       localityName: p.localities[row.locality].name, total: d.score(results[ri].total),
                                       band: d.band(results[ri].band, fw), cells: cells)
            }
            return rows.isEmpty ? nil : ComparePage.Table(title: d.label("ranking_" + groupedRanking.groups[g].group.rawValue), rows: rows)
        }
        return ComparePage(heading: d.label("compare_title") + (wanted.map { " — " + d.label("context_" + $0.rawValue) } ?? ""),
                           filters: filters, criteria: fw.criteria.map { $0.name.text(d.language) }, tables: tables,
                           hasRows: !tables.isEmpty, provisional: provisional(d),
                           pager: Pager(base: SitePaths.compare(wanted), page: page,
                                        count: SitePlan.pageCount(total, plan.compareSize), d))
    }
}

extension SiteRenderer {
    /// The rows comparison page `page` shows (of one context, or all), in
    /// order — each official's result with its locality and the group whose
    /// table it is in — and how many rows all its pages show. Whole boards
    /// before the page are stepped over by their size and nothing after it
    /// is visited: walking every official of the country for each of its
    /// ~1,800 compare pages was a fifth of the page stage. The page's
    /// fingerprint is taken of the same rows (`owner(of:)`).
    func compareRows(_ context: Int?, page: Int) -> (total: Int, rows: [(group: Int, locality: Int, result: Int)]) {
        let p = run.province
        let wanted = context.map { Locality.Context.allCases[$0] }
        let total = SitePlan.compareCount(run, context: wanted)
        let shown = Pager.range(page: page, size: plan.compareSize, count: total)
        var position = 0
        var rows: [(group: Int, locality: Int, result: Int)] = []
        for (g, group) in groupedRanking.groups.enumerated() {
            for e in group.entries {
                if position >= shown.upperBound { break }
                if let wanted, p.localities[e.locality].context != wanted { continue }
                let board = plan.localityBoards[e.locality]
                if position + board.count <= shown.lowerBound {
                    position += board.count
                    continue
                }
                for m in board {
                    defer { position += 1 }
                    if shown.contains(position) { rows.append((g, e.locality, m.result)) }
                }
            }
        }
        return (total, rows)
    }
}

extension ComparePage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("heading", heading); f.put("filters", filters); f.put("criteria", criteria); f.put("tables", tables)
        f.put("hasRows", hasRows); f.put("provisional", provisional); f.put("pager", pager)
    }
}

extension ComparePage.Filter: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("label", label); f.put("href", href); f.put("current", current)
    }
}

extension ComparePage.Cell: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("criterion", criterion); f.put("value", value); f.put("width", width); f.put("tone", tone)
    }
}

extension ComparePage.Row: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("href", href); f.put("localityName", localityName); f.put("total", total)
        f.put("band", band); f.put("cells", cells)
    }
}

extension ComparePage.Table: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("title", title); f.put("rows", rows)
    }
}
