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
