import Testing
@testable import Congkhai

/// What `SiteHistory` keeps for pages is what pages read of the whole list:
/// the newest changes of the site and of each locality, and the history of
/// every commitment that has more than its addition.
@Suite struct SiteHistoryTests {
    @Test func keepsWhatChangesPagesAndFeedsShow() throws {
        // 700 changes over three localities, unevenly, plus some without one.
        var pending: [LedgerEntry] = []
        for i in 0..<700 {
            let l = i % 7 == 0 ? "xa-b" : i % 11 == 0 ? "" : "xa-a"
            var subject = ["official": "o\(i % 13)", "commitment": "c\(i)"]
            if !l.isEmpty { subject["locality"] = l }
            pending.append(LedgerEntry(kind: i % 3 == 0 ? .commitmentChanged : .commitmentAdded, subject: subject,
                                       field: "status", old: .string("a"), new: .string("b\(i)")))
        }
        let asOf = try #require(Day(iso: "2026-10-01"))
        let h = SiteHistory(previous: LedgerFile(), pending: pending, asOf: asOf, scores: ScoreHistory())
        // What the pages read, computed from the whole list as before.
        let all = Array(pending.reversed())
        func key(_ e: LedgerEntry) -> String { (e.subject["commitment"] ?? "") + (e.new?.stringValue ?? "") }
        func key(_ c: SiteHistory.Change) -> String { (c.subject["commitment"] ?? "") + (c.new?.stringValue ?? "") }
        #expect(h.recent.prefix(SiteHistory.recentShown).map(key) == all.prefix(SiteHistory.recentShown).map(key))
        for l in ["xa-a", "xa-b"] {
            let mine = h.recent.filter { $0.subject["locality"] == l }.prefix(SiteHistory.recentShown).map(key)
            #expect(mine == all.filter { $0.subject["locality"] == l }.prefix(SiteHistory.recentShown).map(key))
        }
        #expect(h.recent.count < all.count)
        // Lone additions leave no history; a changed commitment keeps its own.
        #expect(h.commitmentChanges.values.allSatisfy { !($0.count == 1 && $0[0].kind == .commitmentAdded) })
        #expect(h.commitmentChanges["xa-a/o3/c3"]?.count == 1 && h.commitmentChanges["xa-a/o1/c1"] == nil)
    }

    /// A commitment's card lists its newest `commitmentShown` changes and
    /// counts the rest (one edited every night would otherwise grow its
    /// official's page by ~55 KB a year); one with no more keeps them all.
    @Test func aCardKeepsTheNewestChangesOfACommitment() throws {
        let n = SiteHistory.commitmentShown
        var pending: [LedgerEntry] = []
        for i in 0..<(n + 18) {
            pending.append(LedgerEntry(kind: .commitmentChanged, subject: ["locality": "xa-a", "official": "o", "commitment": "busy"],
                                       field: "actual", old: .string("\(i)"), new: .string("\(i + 1)")))
        }
        for i in 0..<n {
            pending.append(LedgerEntry(kind: .commitmentChanged, subject: ["locality": "xa-a", "official": "o", "commitment": "calm"],
                                       field: "actual", old: .string("\(i)"), new: .string("\(i + 1)")))
        }
        let asOf = try #require(Day(iso: "2026-10-01"))
        let h = SiteHistory(previous: LedgerFile(), pending: pending, asOf: asOf, scores: ScoreHistory())
        #expect(h.commitmentChanges["xa-a/o/busy"]?.map { $0.new?.stringValue ?? "" } == (19...(n + 18)).map { "\($0)" })
        #expect(h.earlierCommitmentChanges["xa-a/o/busy"] == 18)
        #expect(h.commitmentChanges["xa-a/o/calm"]?.count == n && h.earlierCommitmentChanges["xa-a/o/calm"] == nil)
    }

    /// An official's page lists the `PageSize.removedCommitments` commitments
    /// removed most recently (by id) and says how many more the ledger holds.
    @Test func anOfficialsPageListsTheLatestRemovedCommitments() throws {
        let demo = try TemplateKeyTests.demo()
        let o = try #require(demo.run.province.officials.first)
        let limit = SitePlan.PageSize.removedCommitments
        // Removed on successive days: bo-0 first, bo-34 last.
        let first = try #require(Day(iso: "2026-01-01"))
        var history = SiteHistory.empty
        history.removedCommitments[o.key] = (0..<(limit + 5)).map {
            (id: "bo-\($0)", state: JSONValue.object([("title", .string("Bỏ \($0)"))]), on: first.adding(days: $0))
        }
        let renderer = SiteRenderer(run: demo.run, plan: demo.plan, theme: demo.theme, baseURL: "https://example.org/", history: history)
        let page = try #require(demo.plan.pages.first { $0.kind == .official(0) })
        let (d, _) = renderer.display(for: page)
        let (shown, more) = renderer.removedCommitments(o, d)
        #expect(shown.map(\.id) == (5..<(limit + 5)).map { "bo-\($0)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(more == "… và 5 cam kết đã gỡ khác: đầy đủ trong sổ cái (dữ liệu mở)")
    }

    /// The changes pages name officials and commitments and link to a card
    /// only where an official's page shows one (published, or removed with
    /// its last state), through lookups rather than a key per commitment.
    @Test func historyIndexFindsNamesAndCards() throws {
        let (run, log) = try LedgerTests.content().run()
        let r = try #require(run, "\(log.items)")
        let o = try #require(r.province.officials.first { o in o.commitments.contains { $0.isPublished(asOf: r.scoreboard.asOf) } })
        let c = try #require(o.commitments.first { $0.isPublished(asOf: r.scoreboard.asOf) })
        let removed = LedgerEntry(kind: .commitmentRemoved, subject: ["locality": o.locality, "official": o.id, "commitment": "da-bo"],
                                  old: .object([("title", .string("Đã bỏ"))]))
        let h = SiteHistory(previous: LedgerFile(), pending: [removed], asOf: r.scoreboard.asOf, scores: ScoreHistory())
        let index = HistoryIndex(run: r, history: h)
        #expect(index.name(o.key) == o.name)
        #expect(index.name(o.key + "/" + c.id) == c.title)
        #expect(index.name(o.key + "/khong-co") == nil && index.name("xa-khac/ai-do") == nil && index.name(o.key + "/a/b") == nil)
        #expect(index.name(o.locality) == nil && index.name(o.key + "/") == nil && index.name(o.key + "/" + c.id + "/") == nil)
        #expect(index.name("/" + o.key) == nil && index.name(o.locality + "//" + c.id) == nil)
        #expect(index.hasCard(locality: o.locality, official: o.id, commitment: c.id))
        #expect(index.hasCard(locality: o.locality, official: o.id, commitment: "da-bo"))
        #expect(!index.hasCard(locality: o.locality, official: o.id, commitment: "khong-co"))
        #expect(!index.hasCard(locality: "xa-khac", official: o.id, commitment: c.id))
    }
}
