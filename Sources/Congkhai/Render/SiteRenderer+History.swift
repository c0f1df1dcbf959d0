import Foundation

/// Pages and blocks of the time dimension: commitment histories, removed
/// commitments, score trends, recent changes and their feeds.
extension SiteRenderer {
    static let changesShown = SiteHistory.recentShown

    func changeText(_ d: Display) -> ChangeText { ChangeText(t: d.t) }

    func officialName(_ key: String) -> String? { historyIndex.name(key) }

    /// Changes recorded for one commitment, oldest first, in plain words.
    func commitmentHistory(_ o: Official, _ c: String, _ d: Display) -> [String] {
        let text = changeText(d)
        return (history.commitmentChanges[o.key + "/" + c] ?? [])
            .filter { $0.kind != .commitmentAdded || history.commitmentChanges[o.key + "/" + c]?.count ?? 0 > 1 }
            .map { text.commitment($0) }
    }

    /// "… and 40 earlier changes", when the card lists only the newest (`SiteHistory.commitmentShown`).
    func earlierHistory(_ o: Official, _ c: String, _ d: Display) -> String? {
        history.earlierCommitmentChanges[o.key + "/" + c].map { d.fill("history_earlier", ["count": d.count($0)]) }
    }

    /// Commitments removed from the content, with their last published
    /// state: the `PageSize.removedCommitments` removed most recently, by id,
    /// and how many more the ledger holds.
    func removedCommitments(_ o: Official, _ d: Display) -> (shown: [RemovedCommitment], more: String?) {
        let text = changeText(d)
        var all = history.removedCommitments[o.key] ?? []
        let limit = SitePlan.PageSize.removedCommitments
        var more: String?
        if all.count > limit {
            more = d.fill("removed_more", ["count": d.count(all.count - limit)])
            all = Array(all.sorted { $0.on != $1.on ? $0.on > $1.on : UTF8Order.precedes($0.id, $1.id) }.prefix(limit))
                .sorted { UTF8Order.precedes($0.id, $1.id) }
        }
        return (all.map { r in
            var facts: [String] = []
            for field in ["status", "deadline", "target", "completed_on"] {
                if let v = r.state[field], v != .null { facts.append(text.label("field_" + field) + ": " + text.value(v, field: field)) }
            }
            return RemovedCommitment(id: r.id, title: r.state["title"]?.stringValue ?? r.id,
                                     removed: text.fill("change_commitment_removed", ["date": text.date(r.on)]),
                                     facts: facts.joined(separator: " · "), history: commitmentHistory(o, r.id, d))
        }, more)
    }

    /// Published totals of the last 12 months as a small line and a table.
    func trend(series: [(Day, Rational)], title: String, _ d: Display) -> TrendBlock? {
        let from = run.scoreboard.asOf.adding(days: -365)
        let shown = series.filter { $0.0 >= from }
        guard shown.count >= 2 else { return nil }
        let points = shown.map { (label: $0.0.vietnamese, value: $0.1.approximateDouble, text: d.score($0.1)) }
        return TrendBlock(title: title, chart: Charts.line(points, title: title),
                          rows: shown.map { TrendBlock.Point(date: d.date($0.0), value: d.score($0.1)) })
    }

    /// An official's published totals over time.
    func officialSeries(_ o: Official) -> [(Day, Rational)] {
        historyIndex.scoreSeries(official: o.key)
    }

    /// The move since the previous month (the last published total at least 28 days before the latest).
    func bigMove(_ series: [(Day, Rational)], _ d: Display) -> String? {
        guard let last = series.last, let before = series.last(where: { $0.0 <= last.0.adding(days: -28) }) else { return nil }
        let delta = last.1 - before.1
        guard delta > Rational(10) || delta < Rational(-10) else { return nil }
        let sign = delta.isNegative ? "−" : "+"
        let magnitude = delta.isNegative ? -delta : delta
        return changeText(d).fill("big_move", ["delta": sign + d.score(magnitude)])
    }

    /// A locality's mean total at each published `as_of`.
    func localitySeries(_ l: Locality) -> [(Day, Rational)] {
        var sums: [Day: (Rational, Int)] = [:]
        for (_, series) in historyIndex.scoreSeries(locality: l.id) {
            for (day, v) in series {
                let s = sums[day] ?? (.zero, 0)
                sums[day] = (s.0 + v, s.1 + 1)
            }
        }
        return sums.keys.sorted().compactMap { d in sums[d].map { (d, ($0.0 / $0.1).rounded(places: 2)) } }
    }

    func changesPage(_ li: Int?, _ d: Display) -> ChangesPage {
        let p = run.province
        let text = changeText(d)
        let locality = li.map { p.localities[$0].id }
        let changes = (locality.map { historyIndex.byLocality[$0] ?? [] } ?? Array(history.recent.prefix(SiteRenderer.changesShown)))
        // A closure over the index alone, made once: `officialName` (the
        // method) passed as a closure captured a copy of the whole renderer
        // (~100 references retained and released) for every row.
        let index = historyIndex
        let names = { (key: String) in index.name(key) }
        let rows = changes.map { c in
            var row = ChangesPage.Row(date: d.date(c.asOf), text: text.entry(c, names: names))
            if let l = c.subject["locality"], let o = c.subject["official"], names(l + "/" + o) != nil {
                row.href = d.link(c.subject["commitment"].flatMap { historyIndex.cardPath(locality: l, official: o, commitment: $0) }
                                  ?? SitePaths.official(l, o))
            }
            return row
        }
        return ChangesPage(localityName: li.map { p.localities[$0].name },
                           localityHref: li.map { d.link(SitePaths.locality(p.localities[$0].id)) },
                           feedHref: d.root + (locality.map(SitePaths.localityChangesFeed) ?? SitePaths.changesFeed),
                           ledgerHref: basePath + d.prefix + SitePaths.openDataLedger, rows: rows, none: rows.isEmpty)
    }

    /// Atom feeds of the recent changes (Vietnamese text, like the other
    /// feeds), handed to `emit` one at a time: a national site has ~10,000
    /// locality feeds, ~150 MB held together.
    func changeFeeds(keep: @escaping Feeds.Keep = { _, _, make in make() }, emit: (OutputFile) throws -> Void) rethrows {
        let p = run.province
        let text = ChangeText(t: stringsByLanguage[plan.defaultLanguage] ?? [:])
        let index = historyIndex
        let (run, baseURL) = (run, baseURL)
        let officialName = { @Sendable (key: String) in index.name(key) }
        @Sendable func feed(_ changes: [SiteHistory.Change], title: String, selfPath: String, pagePath: String) -> [UInt8] {
            let shown = changes.prefix(Feeds.maxEntries)
            var x = Feeds.header(title: title, selfURL: baseURL + selfPath, pageURL: baseURL + pagePath,
                                 updated: shown.first?.asOf ?? run.scoreboard.asOf, author: p.site.province)
            for (i, c) in shown.enumerated() {
                let sentence = text.entry(c, names: officialName)
                let digest = SHA256.hex(Array((c.asOf.description + c.kind.rawValue + sentence + String(i)).utf8)).prefix(16)
                Feeds.entry(title: [sentence], id: [baseURL + pagePath, "#", String(digest)], link: baseURL + pagePath,
                            updated: c.asOf, summary: nil, into: &x)
            }
            x.append(contentsOf: "</feed>\n".utf8)
            return x
        }
        let title = (stringsByLanguage[plan.defaultLanguage]?["changes_title"] ?? "Thay đổi gần đây")
        try emit(OutputFile(path: SitePaths.changesFeed, bytes: feed(history.recent, title: title + " — " + p.site.title,
                                                                     selfPath: SitePaths.changesFeed, pagePath: SitePaths.changes)))
        // Made on every core, handed over in locality order.
        let byLocality = historyIndex.byLocality
        try PipelinedMap.run(count: p.localities.count, make: { i -> OutputFile in
            let l = p.localities[i]
            return keep(SitePaths.localityChangesFeed(l.id), .locality(i)) {
                OutputFile(path: SitePaths.localityChangesFeed(l.id),
                           bytes: feed(byLocality[l.id] ?? [], title: title + " — " + l.name,
                                      selfPath: SitePaths.localityChangesFeed(l.id), pagePath: SitePaths.localityChanges(l.id)))
            }
        }) { _, file in try emit(file) }
    }
}

/// Lookups the history pages share, computed once per build rather than per page.
struct HistoryIndex: Sendable {
    /// `locality/official` → official index. Names and cards are looked up
    /// through it: a dictionary of every official's and commitment's name and
    /// a set of every card (~330,000 keys each nationally) held ~100 MB
    /// through the page stage for the few hundred changes pages show.
    private let officialIndex: [String: Int]
    private let officials: [Official]
    private let asOf: Day
    private let removed: [String: [(id: String, state: JSONValue, on: Day)]]
    /// Locality id → its most recent changes (at most `SiteRenderer.changesShown`).
    var byLocality: [String: [SiteHistory.Change]] = [:]
    /// The score history's rows by official: `scoreRowStarts[s] ..<
    /// scoreRowStarts[s + 1]` of `scoreRowOrder` are subject `s`'s rows
    /// (indexes, oldest first), counted into place (decision 123). Each
    /// official and locality page filtered every row before, quadratic (10 %
    /// of a national build); then one array a key and a key concatenated a row.
    private let scoreRowOrder: [Int32]
    private let scoreRowStarts: [Int32]
    /// `locality/official` → its subject, and locality id → its subjects.
    private let scoreSubject: [String: Int32]
    private let scoreSubjectsByLocality: [String: [Int32]]
    /// Each text of the history as a number (band ids: nil), parsed once.
    private let scoreValues: [Rational?]
    private let scores: ScoreHistory

    init(run: ScoringRun, history: SiteHistory) {
        officials = run.province.officials
        asOf = run.scoreboard.asOf
        removed = history.removedCommitments
        // A later official with the same key stands, as a dictionary built in order would have it.
        officialIndex = Dictionary(officials.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { _, later in later })
        let scores = history.scores
        self.scores = scores
        var starts = [Int32](repeating: 0, count: scores.subjects.count + 1)
        for r in scores.rows { starts[Int(r.subject) + 1] += 1 }
        for s in scores.subjects.indices { starts[s + 1] += starts[s] }
        var next = starts, order = [Int32](repeating: 0, count: scores.rows.count)
        for (i, r) in scores.rows.enumerated() {
            order[Int(next[Int(r.subject)])] = Int32(i)
            next[Int(r.subject)] += 1
        }
        (scoreRowOrder, scoreRowStarts) = (order, starts)
        var subjectOf: [String: Int32] = [:], subjectsOf: [String: [Int32]] = [:]
        for (s, subject) in scores.subjects.enumerated() where starts[s + 1] > starts[s] {
            let key = subject.key
            guard subjectOf[key] == nil else { continue }
            subjectOf[key] = Int32(s)
            subjectsOf[subject.locality, default: []].append(Int32(s))
        }
        (scoreSubject, scoreSubjectsByLocality) = (subjectOf, subjectsOf)
        scoreValues = scores.texts.map { Rational(decimal: $0) }
        for c in history.recent {
            guard let l = c.subject["locality"] else { continue }
            if byLocality[l, default: []].count < SiteRenderer.changesShown { byLocality[l, default: []].append(c) }
        }
    }

    /// An official's published totals in the score history, oldest first.
    func scoreSeries(official key: String) -> [(Day, Rational)] {
        scoreSubject[key].map(scoreSeries(subject:)) ?? []
    }

    /// The officials of a locality in the score history, each with its totals.
    func scoreSeries(locality id: String) -> [(official: String, series: [(Day, Rational)])] {
        (scoreSubjectsByLocality[id] ?? []).map { (scores.subjects[Int($0)].official, scoreSeries(subject: $0)) }
    }

    /// What a locality's page reads of the score history, for its fingerprint.
    func encodeScores(locality id: String, into w: inout ByteWriter) {
        let subjects = scoreSubjectsByLocality[id] ?? []
        w.int(subjects.count)
        for s in subjects {
            w.string(scores.subjects[Int(s)].official)
            encodeScores(subject: s, into: &w)
        }
    }

    /// What an official's pages read of the score history, for their fingerprint.
    func encodeScores(official key: String, into w: inout ByteWriter) {
        guard let s = scoreSubject[key] else { w.int(-1); return }
        encodeScores(subject: s, into: &w)
    }

    private func encodeScores(subject s: Int32, into w: inout ByteWriter) {
        let rows = scoreRowOrder[Int(scoreRowStarts[Int(s)])..<Int(scoreRowStarts[Int(s) + 1])]
        w.int(rows.count)
        for i in rows {
            let r = scores.rows[Int(i)]
            w.int(r.asOf.ordinal)
            w.string(scores.total(r))
        }
    }

    private func scoreSeries(subject s: Int32) -> [(Day, Rational)] {
        scoreRowOrder[Int(scoreRowStarts[Int(s)])..<Int(scoreRowStarts[Int(s) + 1])].compactMap { i in
            let r = scores.rows[Int(i)]
            return scoreValues[Int(r.total)].map { (r.asOf, $0) }
        }
    }

    /// `locality/official` → the official's name, `locality/official/commitment` → the commitment's title.
    /// Cut at its slashes in place, and the commitments searched by index:
    /// splitting into an array, joining the official's key again and
    /// `last(where:)` (which copies each commitment it looks at) were 2 % of
    /// a build with a ledger.
    func name(_ key: String) -> String? {
        let bytes = key.utf8, slash = UInt8(ascii: "/")
        guard let first = bytes.firstIndex(of: slash) else { return nil }
        guard let second = bytes[bytes.index(after: first)...].firstIndex(of: slash) else {
            return officialIndex[key].map { officials[$0].name }
        }
        let id = key[bytes.index(after: second)...]
        guard !id.utf8.contains(slash), let oi = officialIndex[String(key[..<second])] else { return nil }
        let commitments = officials[oi].commitments
        for i in commitments.indices.reversed() where commitments[i].id == id { return commitments[i].title }
        return nil
    }

    /// Whether an official's page shows a card for the commitment (published, or removed with its last state).
    func hasCard(locality l: String, official o: String, commitment c: String) -> Bool {
        cardPath(locality: l, official: o, commitment: c) != nil
    }

    /// Where the official's page shows the commitment's card (with its
    /// fragment): a published commitment on the page that holds it, a
    /// removed one on the first page; nil without a card.
    func cardPath(locality l: String, official o: String, commitment c: String) -> String? {
        let key = l + "/" + o
        guard let oi = officialIndex[key] else { return nil }
        let official = officials[oi]
        if let ci = official.commitments.firstIndex(where: { $0.id == c && $0.isPublished(asOf: asOf) }) {
            return SitePlan.cardPath(official, ci, asOf: asOf)
        }
        return (removed[key] ?? []).contains { $0.id == c } ? SitePaths.official(l, o) + "#ck-" + c : nil
    }
}
