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

/// Localities ranked within their group, computed once per build.
struct GroupedRanking: Sendable {
    struct Entry: Sendable {
        var locality: Int
        var rank: Int
        var mean: Rational
        var officials: Int
    }

    var groups: [(group: LocalityGroup, entries: [Entry])] = []
    /// Locality index → (group position, entry position).
    var position: [Int: (Int, Int)] = [:]

    init(_ ranking: [SitePlan.LocalityRank], localities: [Locality]) {
        for group in LocalityGroup.allCases {
            var entries: [Entry] = []
            var previous: Rational?
            var rank = 0
            for lr in ranking where LocalityGroup(localities[lr.locality].kind) == group {
                if previous != lr.mean { rank = entries.count + 1; previous = lr.mean }
                position[lr.locality] = (groups.count, entries.count)
                entries.append(Entry(locality: lr.locality, rank: rank, mean: lr.mean, officials: lr.officials))
            }
            if !entries.isEmpty { groups.append((group, entries)) }
        }
    }
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

/// Which localities are ranked together: local governments against each
/// other, departments against each other.
enum LocalityGroup: String, CaseIterable, Sendable {
    case local, departments

    init(_ kind: Locality.Kind) {
        switch kind {
        case .commune, .ward, .specialZone: self = .local
        case .department, .province: self = .departments
        }
    }
}
