/// Every ranking of the province, computed once by the scorer: per locality,
/// per peer group (same `role` and locality `context`), and localities by the
/// mean of their officials' totals. Plan and render read these; nothing
/// ranks again.
public struct Rankings: Sendable {
    public struct Entry: Sendable {
        /// Index into `Scoreboard.results`.
        public var result: Int
        public var rank: Int
    }

    public struct PeerGroup: Sendable {
        public var role: Official.Role
        public var context: Locality.Context
        /// In rank order.
        public var members: [Entry]
    }

    public struct LocalityRank: Sendable {
        public var locality: Int
        /// Mean of its officials' published totals, exact; published rounded.
        public var mean: Rational
        public var officials: Int
        public var rank: Int
    }

    /// Per locality (province order): leaderboard in rank order.
    public var localityBoards: [[Entry]]
    /// Sorted by role then context (the order of their declarations).
    public var peerGroups: [PeerGroup]
    /// Peer group index of each result.
    public var peerGroupOf: [Int]
    public var localityRanking: [LocalityRank]

    init(results: inout [OfficialResult], province p: Province) {
        var localityIndex: [String: Int] = [:]
        for (i, l) in p.localities.enumerated() { localityIndex[l.id] = i }
        var byLocality: [[Int]] = Array(repeating: [], count: p.localities.count)
        var byPeer: [PeerKey: [Int]] = [:]
        // The official's two fields read in place: `let o = p.officials[…]`
        // copied the whole official (and its commitments) for every result.
        for i in results.indices {
            let oi = results[i].official
            guard let li = localityIndex[p.officials[oi].locality] else { continue }
            byLocality[li].append(i)
            byPeer[PeerKey(role: p.officials[oi].role, context: p.localities[li].context), default: []].append(i)
        }
        let snapshot = results
        func name(_ i: Int) -> String { p.officials[snapshot[i].official].name }
        func key(_ i: Int) -> String { p.officials[snapshot[i].official].key }
        func total(_ i: Int) -> Rational { snapshot[i].total }

        localityBoards = byLocality.map { members in
            Ranking.rank(members, score: total, name: name, id: key).map { Entry(result: $0.item, rank: $0.rank) }
        }
        for board in localityBoards {
            for e in board { results[e.result].rankInLocality = e.rank }
        }

        peerGroupOf = Array(repeating: -1, count: results.count)
        peerGroups = []
        for k in byPeer.keys.sorted() {
            let members = Ranking.rank(byPeer[k] ?? [], score: total, name: name, id: key).map { Entry(result: $0.item, rank: $0.rank) }
            for e in members {
                results[e.result].rankInPeerGroup = e.rank
                peerGroupOf[e.result] = peerGroups.count
            }
            peerGroups.append(PeerGroup(role: k.role, context: k.context, members: members))
        }

        var means: [(Int, Rational, Int)] = []
        for (li, board) in localityBoards.enumerated() where !board.isEmpty {
            let sum = board.reduce(Rational.zero) { $0 + snapshot[$1.result].total }
            means.append((li, (sum / board.count).rounded(places: 2), board.count))
        }
        localityRanking = Ranking.rank(means, score: { $0.1 }, name: { p.localities[$0.0].name }, id: { p.localities[$0.0].id })
            .map { LocalityRank(locality: $0.item.0, mean: $0.item.1, officials: $0.item.2, rank: $0.rank) }
    }

    /// A peer group: role and context, ordered as declared.
    struct PeerKey: Hashable, Comparable {
        var role: Official.Role
        var context: Locality.Context

        static func < (a: PeerKey, b: PeerKey) -> Bool {
            let ra = Official.Role.allCases.firstIndex(of: a.role) ?? 0, rb = Official.Role.allCases.firstIndex(of: b.role) ?? 0
            if ra != rb { return ra < rb }
            return (Locality.Context.allCases.firstIndex(of: a.context) ?? 0) < (Locality.Context.allCases.firstIndex(of: b.context) ?? 0)
        }
    }
}
