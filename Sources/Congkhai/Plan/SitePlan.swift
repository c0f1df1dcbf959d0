import Foundation

/// What the site will contain, decided once from the scored province:
/// rankings, peer groups, commitment indexes, and the list of pages.
///
/// Render turns this into files; nothing here knows about HTML.
public struct SitePlan: Sendable {
    public typealias LocalityRank = Rankings.LocalityRank

    /// A peer group with its URL slug (Vietnamese words, decided here once).
    public struct PeerGroup: Sendable {
        public var key: String
        public var role: Official.Role
        public var context: Locality.Context
        /// Result indexes in rank order.
        public var members: [(result: Int, rank: Int)]
    }

    public struct CommitmentRef: Sendable {
        public var official: Int
        public var commitment: Int
    }

    public struct UpdateRef: Sendable {
        public var official: Int
        public var commitment: Int
        public var update: Int
    }

    public enum PageKind: Sendable, Equatable {
        case home, localities, locality(Int), official(Int), notice(Int), peerGroups, peerGroup(Int)
        case commitments(CommitmentList), feedback, methodology, openData, search, notFound
        /// Recent ledger changes: the province's (nil) or one locality's.
        case changes(Int?)
        /// Officials side by side per criterion: all (nil) or one context (index in `Locality.Context.allCases`).
        case compare(Int?)
        /// The scoring in plain words (a Markdown page of the theme).
        case explainer
    }

    public struct Page: Sendable {
        public var kind: PageKind
        public var language: String
        /// Page path without the language prefix (`dia-phuong/xa-an-binh/`).
        public var path: String
    }

    public var languages: [String]
    public var defaultLanguage: String
    public var localityRanking: [LocalityRank]
    /// Per locality: result indexes in leaderboard order with ranks.
    public var localityBoards: [[(result: Int, rank: Int)]]
    public var peerGroups: [PeerGroup]
    public var commitmentLists: [CommitmentList: [CommitmentRef]]
    /// Updates dated on or before D, newest first.
    public var recentUpdates: [UpdateRef]
    public var pages: [Page]
    /// Result index of each official, by official index.
    public var resultOf: [Int: Int]

    public static func make(_ run: ScoringRun) -> SitePlan {
        let p = run.province
        let board = run.scoreboard
        let D = board.asOf
        var resultOf: [Int: Int] = [:]
        for (i, r) in board.results.enumerated() { resultOf[r.official] = i }

        let rankings = board.rankings
        let boards = rankings.localityBoards.map { $0.map { (result: $0.result, rank: $0.rank) } }
        let localityRanking = rankings.localityRanking
        let peerGroups = rankings.peerGroups.map { g in
            PeerGroup(key: SitePaths.peerGroupSlug(role: g.role, context: g.context), role: g.role, context: g.context,
                      members: g.members.map { (result: $0.result, rank: $0.rank) })
        }

        // Commitment indexes and recent updates.
        var lists: [CommitmentList: [CommitmentRef]] = [:]
        var updates: [(UpdateRef, Day)] = []
        for (oi, o) in p.officials.enumerated() {
            for (ci, c) in o.commitments.enumerated() {
                guard c.isPublished(asOf: D) else { continue }
                let list: CommitmentList?
                if c.status == .withdrawn { list = .withdrawn }
                else if c.isDone(asOf: D) { list = .done }
                else if c.isOverdue(asOf: D) { list = .overdue }
                else if c.isDueSoon(asOf: D) { list = .dueSoon }
                else { list = nil }
                if let list { lists[list, default: []].append(CommitmentRef(official: oi, commitment: ci)) }
                for (ui, u) in c.updates.enumerated() where u.on <= D {
                    updates.append((UpdateRef(official: oi, commitment: ci, update: ui), u.on))
                }
            }
        }
        for key in CommitmentList.allCases {
            lists[key] = (lists[key] ?? []).sorted { a, b in
                let ca = p.officials[a.official].commitments[a.commitment], cb = p.officials[b.official].commitments[b.commitment]
                if ca.deadline != cb.deadline { return key == .done ? ca.deadline > cb.deadline : ca.deadline < cb.deadline }
                return (a.official, a.commitment) < (b.official, b.commitment)
            }
        }
        updates.sort { $0.1 != $1.1 ? $0.1 > $1.1 : ($0.0.official, $0.0.commitment, $0.0.update) < ($1.0.official, $1.0.commitment, $1.0.update) }

        // Pages, in a fixed order.
        var kinds: [(PageKind, String)] = [
            (.home, SitePaths.home), (.localities, SitePaths.localities), (.peerGroups, SitePaths.peerGroups),
            (.feedback, SitePaths.feedback), (.methodology, SitePaths.methodology), (.openData, SitePaths.openData),
            (.search, SitePaths.search), (.changes(nil), SitePaths.changes),
        ]
        for list in CommitmentList.allCases { kinds.append((.commitments(list), SitePaths.commitments(list))) }
        kinds.append((.compare(nil), SitePaths.compare(nil)))
        kinds.append((.explainer, SitePaths.explainer))
        for (i, c) in Locality.Context.allCases.enumerated() where p.localities.contains(where: { $0.context == c }) {
            kinds.append((.compare(i), SitePaths.compare(c)))
        }
        for (li, l) in p.localities.enumerated() {
            kinds.append((.locality(li), SitePaths.locality(l.id)))
            kinds.append((.notice(li), SitePaths.notice(l.id)))
            kinds.append((.changes(li), SitePaths.localityChanges(l.id)))
        }
        for (oi, o) in p.officials.enumerated() { kinds.append((.official(oi), SitePaths.official(o.locality, o.id))) }
        for (gi, g) in peerGroups.enumerated() { kinds.append((.peerGroup(gi), SitePaths.peerGroup(g.key))) }
        var pages: [Page] = []
        for language in p.site.languages {
            for (kind, path) in kinds { pages.append(Page(kind: kind, language: language, path: path)) }
        }
        pages.append(Page(kind: .notFound, language: p.site.languages.first ?? "vi", path: "404.html"))

        return SitePlan(languages: p.site.languages, defaultLanguage: p.site.languages.first ?? "vi",
                        localityRanking: localityRanking, localityBoards: boards, peerGroups: peerGroups,
                        commitmentLists: lists, recentUpdates: updates.map(\.0), pages: pages, resultOf: resultOf)
    }
}
