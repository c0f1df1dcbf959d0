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

    /// How many items a page of a long list holds: every page stays well under
    /// ~200 KB however large the province (issue 10; decision 67).
    public enum PageSize {
        public static let commitments = 100
        public static let localities = 300
        public static let members = 200
        public static let compare = 80
        /// What the rows of one comparison page may take, estimated
        /// (`compareSize`): 80 default-framework rows are ~160 KB.
        public static let compareRowBytes = 172_000
        public static let feedbackLocalities = 300
        public static let dataLocalities = 800
        /// Officials on one part of a locality's printable notice: each brings
        /// a ~5 KB QR code, so a commune of 300 officials made a 1.9 MB page
        /// (~6 KB an official); 20 keep a part near 130 KB, seven A4 sheets.
        public static let noticeOfficials = 20
        /// Overdue commitments on a locality's own page (~0.5 KB each), the
        /// most overdue first; the rest are on their officials' pages and in
        /// the province's overdue list, which the page links to.
        public static let localityOverdue = 60
        /// Officials on one page of a locality's leaderboard (~0.5 KB a row):
        /// the locality's page shows the first 200, `xep-hang/<id>/trang-N/`
        /// the rest. A locality of 600 officials made a 316 KB page.
        public static let localityOfficials = 200
        /// Commitment cards on one page of an official's page (~1 KB each):
        /// the official's page shows the first 50, `…/<official>/trang-N/`
        /// the rest. An official of 300 commitments made a 478 KB page.
        public static let officialCommitments = 50
        /// Items (one a commitment) listed under one measure of the score's
        /// breakdown; the rest are in the official's explanation file.
        public static let breakdownItems = 50
        /// Files listed on one page of a locality's data files (~140 bytes
        /// each, two an official: its content file and its explanation).
        public static let dataFiles = 600
        /// Removed commitments an official's page lists (the latest removed).
        public static let removedCommitments = 30
        /// Post-audits, incidents and initiatives each listed on an
        /// official's page; the rest are counted and linked: the audits to
        /// the explanation file, the others to the published content file
        /// (decision 113). 3,000 incidents made a 1.1 MB table.
        public static let breakdownRecords = 30
        /// Indicators and norm adjustments each listed on a locality's page
        /// (~340 bytes an indicator); the rest are counted and linked to the
        /// published locality file (decision 113). 3,000 indicators made a
        /// 1 MB page.
        public static let localityRecords = 60
        /// Applied post-audits the score card's "why" names one by one,
        /// in the order they applied; the rest are counted (decision 113).
        public static let whyAudits = 3
        /// Earlier reports a commitment's card lists below its latest one.
        public static let cardUpdates = 20
        /// ... while their notes and evidence links together stay within
        /// this many bytes: 50 cards of 21 reports with 450-byte notes made
        /// an 850 KB page (decision 114).
        public static let cardUpdateBytes = 1_000
        /// Commitments one official lists on a printed notice; the tally
        /// line above them counts all, the QR code leads to the rest.
        public static let noticeCommitments = 15
        /// Bytes of an official's profile (its Markdown body as HTML) shown
        /// on the official's page, whole top-level blocks (`BodyExcerpt`);
        /// the rest is in the published content file. The page is ~40 KB
        /// without it.
        public static let bodyBytes = 64_000
    }

    public enum PageKind: Sendable, Equatable {
        case home, localities(page: Int), locality(Int), official(Int), notice(Int, page: Int), peerGroups, peerGroup(Int, page: Int)
        /// Page 2 and on of a locality's leaderboard (page 1 is the locality's own page).
        case localityBoard(Int, page: Int)
        /// Page 2 and on of an official's commitments (page 1 is the official's own page).
        case officialCommitments(Int, page: Int)
        case commitments(CommitmentList, page: Int), feedback(page: Int), methodology, openData(page: Int), search, notFound
        /// The data files of one locality (content as scored, explanations, feedback), in pages.
        case dataFiles(Int, page: Int)
        /// Recent ledger changes: the province's (nil) or one locality's.
        case changes(Int?)
        /// Officials side by side per criterion: all (nil) or one context (index in `Locality.Context.allCases`).
        case compare(Int?, page: Int)
        /// The scoring in plain words (a Markdown page of the theme).
        case explainer

        /// The same list or page whatever its page number (navigation's "current").
        public func sameSection(_ other: PageKind) -> Bool {
            switch (self, other) {
            case (.localities, .localities), (.feedback, .feedback), (.openData, .openData): return true
            case let (.commitments(a, _), .commitments(b, _)): return a == b
            case let (.peerGroup(a, _), .peerGroup(b, _)): return a == b
            case let (.compare(a, _), .compare(b, _)): return a == b
            case let (.notice(a, _), .notice(b, _)): return a == b
            case let (.dataFiles(a, _), .dataFiles(b, _)): return a == b
            case let (.localityBoard(a, _), .localityBoard(b, _)): return a == b
            case let (.officialCommitments(a, _), .officialCommitments(b, _)): return a == b
            default: return self == other
            }
        }
    }

    /// Indexes into `pages`, one group per kind of page with that page in
    /// every language (an official's page in Vietnamese, then in English),
    /// then the 404 page alone; plan order inside a group. `pages` holds
    /// one language's pages after another (the sitemap lists them so), and
    /// nothing else depends on the order pages are made in: a group is
    /// made on one thread, so what its languages share — an official's
    /// explained result — is worked out once and read while still in cache.
    /// Any other arrangement of `pages` gives one group a page.
    public var pageGroups: [[Int]] {
        let l = languages.count
        let perLanguage = l == 0 ? 0 : (pages.count - 1) / l
        let paired = l > 0 && perLanguage * l + 1 == pages.count && pages.last?.kind == .notFound
            && (0..<perLanguage).allSatisfy { k in (1..<l).allSatisfy { pages[$0 * perLanguage + k].kind == pages[k].kind } }
        guard paired else { return pages.indices.map { [$0] } }
        return (0..<perLanguage).map { k in (0..<l).map { $0 * perLanguage + k } } + [[pages.count - 1]]
    }

    /// Number of pages of a list of `count` items, `size` per page (at least one).
    public static func pageCount(_ count: Int, _ size: Int) -> Int { max(1, (count + size - 1) / size) }

    /// Officials on one comparison page: `PageSize.compare`, fewer when the
    /// framework has more criteria or longer names. Every row holds a cell
    /// per criterion labelled with the criterion's name (for phones): ~2 KB
    /// a row with the default framework's ten, so 80 rows of a framework of
    /// twenty-five made pages of ~320 KB (decision 90). The estimate (~450 bytes a
    /// row, ~125 a cell plus its label) is a little above what is written.
    public static func compareSize(_ framework: Framework, languages: [String]) -> Int {
        var row = 450
        for c in framework.criteria { row += 125 + (languages.map { c.name.text($0).utf8.count }.max() ?? 0) }
        return max(10, min(PageSize.compare, PageSize.compareRowBytes / row))
    }

    /// Officials shown on the comparison pages, per context index (nil: all).
    public static func compareCount(_ run: ScoringRun, context: Locality.Context?) -> Int {
        let p = run.province
        var n = 0
        for li in p.localities.indices where context == nil || p.localities[li].context == context {
            n += run.scoreboard.rankings.localityBoards[li].count
        }
        return n
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
    /// Officials on one comparison page (`compareSize`).
    public var compareSize: Int

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
        // Each with its deadline, the sort key: reading it through
        // `p.officials[…].commitments[…]` in the comparator copied a whole
        // commitment per comparison (~1 s of a national build on one core).
        var dated: [CommitmentList: [(ref: CommitmentRef, deadline: Day)]] = [:]
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
                if let list { dated[list, default: []].append((CommitmentRef(official: oi, commitment: ci), c.deadline)) }
                for (ui, u) in c.updates.enumerated() where u.on <= D {
                    updates.append((UpdateRef(official: oi, commitment: ci, update: ui), u.on))
                }
            }
        }
        var lists: [CommitmentList: [CommitmentRef]] = [:]
        for key in CommitmentList.allCases {
            lists[key] = (dated[key] ?? []).sorted { a, b in
                if a.deadline != b.deadline { return key == .done ? a.deadline > b.deadline : a.deadline < b.deadline }
                return (a.ref.official, a.ref.commitment) < (b.ref.official, b.ref.commitment)
            }.map(\.ref)
        }
        updates.sort { $0.1 != $1.1 ? $0.1 > $1.1 : ($0.0.official, $0.0.commitment, $0.0.update) < ($1.0.official, $1.0.commitment, $1.0.update) }

        // Pages, in a fixed order.
        var kinds: [(PageKind, String)] = [(.home, SitePaths.home), (.peerGroups, SitePaths.peerGroups),
                                           (.methodology, SitePaths.methodology), (.search, SitePaths.search),
                                           (.changes(nil), SitePaths.changes), (.explainer, SitePaths.explainer)]
        func paged(_ count: Int, _ size: Int, _ base: String, _ kind: (Int) -> PageKind) {
            for n in 1...pageCount(count, size) { kinds.append((kind(n), SitePaths.paged(base, n))) }
        }
        paged(p.localities.count, PageSize.localities, SitePaths.localities) { .localities(page: $0) }
        paged(p.localities.count, PageSize.feedbackLocalities, SitePaths.feedback) { .feedback(page: $0) }
        paged(p.localities.count, PageSize.dataLocalities, SitePaths.openData) { .openData(page: $0) }
        for list in CommitmentList.allCases {
            paged(lists[list]?.count ?? 0, PageSize.commitments, SitePaths.commitments(list)) { .commitments(list, page: $0) }
        }
        let compareSize = compareSize(p.framework, languages: p.site.languages)
        paged(compareCount(run, context: nil), compareSize, SitePaths.compare(nil)) { .compare(nil, page: $0) }
        for (i, c) in Locality.Context.allCases.enumerated() where p.localities.contains(where: { $0.context == c }) {
            paged(compareCount(run, context: c), compareSize, SitePaths.compare(c)) { .compare(i, page: $0) }
        }
        let contentFiles = contentFilesByLocality(p)
        var officialsOf = Array(repeating: [Int](), count: p.localities.count)
        for (oi, o) in p.officials.enumerated() { if let li = p.localityIndex(o.locality) { officialsOf[li].append(oi) } }
        for (li, l) in p.localities.enumerated() {
            kinds.append((.locality(li), SitePaths.locality(l.id)))
            let boardPages = pageCount(boards[li].count, PageSize.localityOfficials)
            if boardPages > 1 {
                for n in 2...boardPages { kinds.append((.localityBoard(li, page: n), SitePaths.localityBoard(l.id, n))) }
            }
            paged(boards[li].count, PageSize.noticeOfficials, SitePaths.notice(l.id)) { .notice(li, page: $0) }
            kinds.append((.changes(li), SitePaths.localityChanges(l.id)))
            let dataFiles = dataFileNames(p, locality: li, contentFiles: contentFiles[li], officials: officialsOf[li],
                                          hasFeedback: run.scoreboard.tally.localitySummaries[li].rows > 0).count
            paged(dataFiles, PageSize.dataFiles, SitePaths.dataFiles(l.id)) { .dataFiles(li, page: $0) }
        }
        for (oi, o) in p.officials.enumerated() {
            kinds.append((.official(oi), SitePaths.official(o.locality, o.id)))
            let cardPages = pageCount(cardCommitments(o, asOf: run.scoreboard.asOf).count, PageSize.officialCommitments)
            if cardPages > 1 {
                for n in 2...cardPages { kinds.append((.officialCommitments(oi, page: n), SitePaths.officialCommitments(o.locality, o.id, n))) }
            }
        }
        for (gi, g) in peerGroups.enumerated() {
            paged(g.members.count, PageSize.members, SitePaths.peerGroup(g.key)) { .peerGroup(gi, page: $0) }
        }
        var pages: [Page] = []
        for language in p.site.languages {
            for (kind, path) in kinds { pages.append(Page(kind: kind, language: language, path: path)) }
        }
        pages.append(Page(kind: .notFound, language: p.site.languages.first ?? "vi", path: "404.html"))

        return SitePlan(languages: p.site.languages, defaultLanguage: p.site.languages.first ?? "vi",
                        localityRanking: localityRanking, localityBoards: boards, peerGroups: peerGroups,
                        commitmentLists: lists, recentUpdates: updates.map(\.0), pages: pages, resultOf: resultOf,
                        compareSize: compareSize)
    }
}
