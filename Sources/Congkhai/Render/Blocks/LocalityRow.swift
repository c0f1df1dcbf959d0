/// A locality in a ranking, with its kind and context in words.
struct LocalityRow: Encodable, Sendable {
    var rank: String
    var name: String
    var href: String
    var kind: String
    var context: String
    var mean: String
    var officials: String
}

/// Localities ranked within one comparable kind: communes, wards and special
/// zones apart from provincial departments (decision 58).
struct LocalityRanking: Encodable, Sendable {
    var id: String
    var title: String
    var rows: [LocalityRow]
}

extension SiteRenderer {
    /// The rankings, each group cut to `limit` rows, or only the rows at
    /// positions `range` of all groups one after the other (a page of the list).
    func localityRankings(_ d: Display, limit: Int? = nil, range: Range<Int>? = nil) -> [LocalityRanking] {
        let p = run.province
        var offset = 0
        return groupedRanking.groups.compactMap { group, entries -> LocalityRanking? in
            var shown = limit.map { Array(entries.prefix($0)) } ?? entries
            if let range {
                let lo = max(0, range.lowerBound - offset), hi = min(entries.count, range.upperBound - offset)
                offset += entries.count
                guard lo < hi else { return nil }
                shown = Array(entries[lo..<hi])
            }
            return LocalityRanking(id: group.rawValue, title: d.label("ranking_" + group.rawValue), rows: shown.map { e in
                let l = p.localities[e.locality]
                return LocalityRow(rank: d.count(e.rank), name: l.name, href: d.link(SitePaths.locality(l.id)),
                                   kind: d.label("locality_" + l.kind.rawValue), context: d.label("context_" + l.context.rawValue),
                                   mean: d.score(e.mean), officials: d.count(e.officials))
            })
        }
    }
}
