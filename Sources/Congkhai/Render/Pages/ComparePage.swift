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
        let total = SitePlan.compareCount(run, context: wanted)
        let shown = Pager.range(page: page, size: plan.compareSize, count: total)
        // Whole boards before the page are stepped over by their size and
        // nothing after it is visited: walking every official of the country
        // for each of its ~1,800 compare pages was a fifth of the page stage.
        var position = 0
        let tables = groupedRanking.groups.compactMap { group, entries -> ComparePage.Table? in
            var rows: [ComparePage.Row] = []
            for e in entries {
                if position >= shown.upperBound { break }
                if let wanted, p.localities[e.locality].context != wanted { continue }
                let board = plan.localityBoards[e.locality]
                if position + board.count <= shown.lowerBound {
                    position += board.count
                    continue
                }
                let localityName = p.localities[e.locality].name
                for m in board {
                    defer { position += 1 }
                    guard shown.contains(position) else { continue }
                    let r = run.scoreboard.results[m.result]
                    let cells = zip(fw.criteria, r.criteria).map { criterion, c -> ComparePage.Cell in
                        let a = c.attainment ?? .zero
                        return ComparePage.Cell(criterion: criterion.name.text(d.language),
                                                value: c.counts ? d.score(a) : d.label("not_applicable"),
                                                width: c.counts ? max(1, min(100, a.roundedInt)) : 0,
                                                tone: BandColours.toneClass(fw.bandIndex(for: a.rounded(places: 2))))
                    }
                    rows.append(ComparePage.Row(name: p.officials[r.official].name, href: officialLink(r.official, d),
                                                localityName: localityName, total: d.score(r.total), band: d.band(r.band, fw), cells: cells))
                }
            }
            return rows.isEmpty ? nil : ComparePage.Table(title: d.label("ranking_" + group.rawValue), rows: rows)
        }
        return ComparePage(heading: d.label("compare_title") + (wanted.map { " — " + d.label("context_" + $0.rawValue) } ?? ""),
                           filters: filters, criteria: fw.criteria.map { $0.name.text(d.language) }, tables: tables,
                           hasRows: !tables.isEmpty, provisional: provisional(d),
                           pager: Pager(base: SitePaths.compare(wanted), page: page,
                                        count: SitePlan.pageCount(total, plan.compareSize), d))
    }
}

extension ComparePage: TemplateRepresentable {
    var templateValue: TemplateValue {
        var f = TemplateFields(capacity: 7)
        f.put("heading", heading); f.put("filters", filters); f.put("criteria", criteria); f.put("tables", tables)
        f.put("hasRows", hasRows); f.put("provisional", provisional); f.put("pager", pager)
        return .object(f)
    }
}

extension ComparePage.Filter: TemplateRepresentable {
    var templateValue: TemplateValue {
        var f = TemplateFields(capacity: 3)
        f.put("label", label); f.put("href", href); f.put("current", current)
        return .object(f)
    }
}

extension ComparePage.Cell: TemplateRepresentable {
    var templateValue: TemplateValue {
        var f = TemplateFields(capacity: 4)
        f.put("criterion", criterion); f.put("value", value); f.put("width", width); f.put("tone", tone)
        return .object(f)
    }
}

extension ComparePage.Row: TemplateRepresentable {
    var templateValue: TemplateValue {
        var f = TemplateFields(capacity: 6)
        f.put("name", name); f.put("href", href); f.put("localityName", localityName); f.put("total", total)
        f.put("band", band); f.put("cells", cells)
        return .object(f)
    }
}

extension ComparePage.Table: TemplateRepresentable {
    var templateValue: TemplateValue {
        var f = TemplateFields(capacity: 2)
        f.put("title", title); f.put("rows", rows)
        return .object(f)
    }
}
