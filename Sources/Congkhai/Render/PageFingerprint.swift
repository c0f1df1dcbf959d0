import Foundation

/// The files the last build published with what each was made of, so a
/// rebuild links a page, feed or explanation whose inputs are unchanged
/// instead of making it again (decision 99), and copies an official's run
/// of rows of the province's tables (`TableRuns`, decision 105). Only in
/// `build` with a key (not a preview, not `--new-ledger`); `published` is
/// empty when there is nothing to trust.
public struct PageReuse: Sendable {
    struct Entry: Sendable, Equatable {
        var fingerprint: String
        /// SHA-256 (hex) of the bytes published.
        var digest: String
    }

    /// `SiteRenderer.globalFingerprint` of this build: every fingerprint starts with it.
    var global: String
    /// File path → fingerprint and SHA-256 of the bytes the last build published there.
    var published: [String: Entry]
    /// The published site, whose files a kept file is linked from.
    var output: String
    /// The runs of rows of the province's tables: the last build's, and this one's as written.
    var runs: TableRuns

    init(global: String, published: [String: Entry], runs: [String: TableRuns.Run] = [:], output: String) {
        self.global = global
        self.published = published
        self.output = output
        self.runs = TableRuns(published: runs, output: output)
    }
}

/// One edited official file leaves almost every page of a site as it was:
/// on a province of 1,442 officials, 5,178 of 5,409 pages. Each file made
/// of one official's inputs (its pages, feed and explanation) or of one
/// locality's (its page, leaderboard, notices, changes, data files and
/// feeds) gets one SHA-256 of everything it is made of: the build's global
/// inputs, then the owner's own — for an official its file's bytes, its
/// ranks and the sizes they are out of, its part of the feedback tally and
/// of the history; for a locality all of those of each of its officials,
/// its place among the localities, its leaderboard's order, its part of
/// the tally and of the history. Same fingerprint, same model, same bytes:
/// a page is a pure function of its model and the theme (which is global).
///
/// What is global is chosen wide on purpose: every content file that is not
/// an official's (site, framework, catalogs, localities, audits), every
/// feedback export, the list of officials, the priors and category names.
/// An edit to any of those makes every file again, as before; an edit to
/// one official's file makes that official's and its locality's files and
/// whichever others it moves (a score moves ranks, a locality's mean its
/// place). A page of the province's commitment lists, of a peer group or
/// of the comparisons is fingerprinted by the officials it shows, with the
/// numbers that place them there; the other pages showing officials of many
/// localities (home, search, the localities' and feedback lists) are always
/// made.
extension SiteRenderer {
    /// One digest of the inputs every fingerprinted page may read that are
    /// not one official's own. `header` is `BuildKey.Partial.header`: the
    /// program, options, keys and theme.
    static func globalFingerprint(run: ScoringRun, plan: SitePlan, header: String, baseURL: String) -> String {
        let p = run.province
        let tally = run.scoreboard.tally
        var w = ByteWriter()
        w.string("congkhai-page-fingerprint 1")
        w.string(header)
        w.string(baseURL)
        w.int(run.scoreboard.asOf.ordinal)
        w.int(plan.languages.count)
        for language in plan.languages { w.string(language) }
        // Static files are copied, never read by a page (nor hashed here:
        // evidence documents can be gigabytes); officials' files are their
        // own pages' part.
        let inputs = p.inputFiles.filter { !$0.hasPrefix("officials/") && !$0.hasPrefix("static/") }
        w.int(inputs.count)
        for path in inputs { w.string(path); w.string(p.inputDigest(path)) }
        w.int(p.localities.count)
        for l in p.localities { w.string(l.id) }
        // Indexes (into the tally's tables, the plan) follow this list.
        w.int(p.officials.count)
        for o in p.officials { w.string(o.file); w.string(o.key) }
        w.int(run.scoreboard.priors.all.count)
        for prior in run.scoreboard.priors.all {
            w.string(prior.key)
            w.int(prior.count)
            prior.sum.encode(into: &w)
        }
        w.int(tally.categoryNames.count)
        for name in tally.categoryNames { w.string(name) }
        w.int(tally.responseWindows.count)
        for window in tally.responseWindows {
            w.int(window.targetDays)
            w.int(window.kinds.count)
            for k in window.kinds { w.string(k.rawValue) }
        }
        return SHA256.hex(w.bytes)
    }

    /// Whose inputs alone (with the global ones) a file is made of.
    enum Owner: Sendable {
        case official(Int)
        case locality(Int)
        /// A page of a province-wide list: the officials it shows (by
        /// index), and the numbers that place them there (`key`).
        case officials(key: [Int], [Int])
    }

    /// What a page is made of besides the global inputs; nil for a page that
    /// is always rendered (home, the localities' and feedback lists, search,
    /// the province's changes, methodology).
    func owner(of kind: SitePlan.PageKind) -> Owner? {
        switch kind {
        case let .official(oi), let .officialCommitments(oi, _):
            return .official(oi)
        case let .locality(li), let .localityBoard(li, _), let .notice(li, _), let .dataFiles(li, _), let .changes(li?):
            return .locality(li)
        case let .commitments(list, n):
            // Its cards, the list's length (shown, and its pager's) and which list.
            let all = plan.commitmentLists[list] ?? []
            let refs = all[Pager.range(page: n, size: SitePlan.PageSize.commitments, count: all.count)]
            return .officials(key: [CommitmentList.allCases.firstIndex(of: list) ?? -1, n, all.count]
                                  + refs.flatMap { [$0.official, $0.commitment] }, refs.map(\.official))
        case let .compare(context, n):
            // Its rows in order with their tables (groups) and localities, and
            // how many rows its pages show together (its pager).
            let (total, rows) = compareRows(context, page: n)
            return .officials(key: [context ?? -1, n, total] + rows.flatMap { [$0.group, $0.locality] },
                              rows.map { run.scoreboard.results[$0.result].official })
        case let .peerGroup(gi, n):
            // Its rows with their ranks, and the group's size.
            let g = plan.peerGroups[gi]
            let members = g.members[Pager.range(page: n, size: SitePlan.PageSize.members, count: g.members.count)]
            return .officials(key: [gi, n, g.members.count] + members.map(\.rank),
                              members.map { run.scoreboard.results[$0.result].official })
        default:
            return nil
        }
    }

    /// The fingerprint of the file at `path` (relative to the site) made of
    /// `owner`'s inputs; nil when they are unknown (no reuse in this build,
    /// or an official whose file's bytes were not read).
    func fingerprint(_ path: String, of owner: Owner) -> String? {
        guard let reuse, let digests = inputDigests else { return nil }
        var w = ByteWriter()
        w.string(reuse.global)
        w.string(path)
        switch owner {
        case let .official(oi):
            guard let part = digests.officials[oi] else { return nil }
            w.string(part)
        case let .locality(li):
            guard let part = digests.localities[li] else { return nil }
            w.string(part)
        case let .officials(key, officials):
            w.int(key.count)
            for k in key { w.int(k) }
            w.int(officials.count)
            for oi in officials {
                guard let part = digests.officials[oi] else { return nil }
                w.int(oi)
                w.string(part)
            }
        }
        return SHA256.hex(w.bytes)
    }

    /// The published file at `path` when its fingerprint is the one the last
    /// build recorded there, else what `make` makes, carrying its
    /// fingerprint for the next build.
    func keptOrMade(_ path: String, of owner: Owner, _ make: () -> OutputFile) -> OutputFile {
        let print = fingerprint(path, of: owner)
        if let kept = kept(path, fingerprint: print) { return kept }
        var file = make()
        file.fingerprint = print
        return file
    }

    /// The published file at `path` when the last build recorded this fingerprint for it.
    func kept(_ path: String, fingerprint: String?) -> OutputFile? {
        guard let reuse, let fingerprint, let last = reuse.published[path], last.fingerprint == fingerprint else { return nil }
        return OutputFile(path: path, published: reuse.output + "/" + path, digest: last.digest, fingerprint: fingerprint)
    }

    /// Each official's and each locality's own inputs, digested once (on
    /// every core) for all the pages that show them.
    func computeInputDigests() -> InputDigests {
        let officials = Slots<String>(count: run.province.officials.count)
        let renderer = self
        DispatchQueue.concurrentPerform(iterations: run.province.officials.count) { oi in
            if let d = renderer.officialDigest(oi) { officials.set(oi, d) }
        }
        let byOfficial = (0..<run.province.officials.count).map { officials.value($0) }
        let localities = Slots<String>(count: run.province.localities.count)
        DispatchQueue.concurrentPerform(iterations: run.province.localities.count) { li in
            if let d = renderer.localityDigest(li, officials: byOfficial) { localities.set(li, d) }
        }
        return InputDigests(officials: byOfficial, localities: (0..<run.province.localities.count).map { localities.value($0) })
    }

    struct InputDigests: Sendable {
        /// By official index; nil where the official's file bytes are unknown.
        var officials: [String?]
        /// By locality index; nil where one of its officials' is.
        var localities: [String?]
    }

    /// What an official's pages show of it: its file's bytes, its standing
    /// among the others (which their edits move), its part of the tally and
    /// of the history.
    func officialDigest(_ oi: Int) -> String? {
        let p = run.province
        let o = p.officials[oi]
        guard let digest = p.inputBytes.hash(o.file) else { return nil }
        var w = ByteWriter()
        w.string("official")
        w.string(o.file)
        w.string(digest)
        if let ri = plan.resultOf[oi] {
            let r = run.scoreboard.results[ri]
            w.int(r.rankInLocality)
            w.int(r.rankInPeerGroup)
        } else {
            w.int(-1)
        }
        if let li = localityIndex[o.locality] {
            w.int(li)
            w.int(plan.localityBoards[li].count)
        } else {
            w.int(-1)
        }
        if let gi = peerGroupOf[oi] {
            w.string(plan.peerGroups[gi].key)
            w.int(plan.peerGroups[gi].members.count)
        } else {
            w.string("")
        }
        run.scoreboard.tally.encodeOfficial(oi, into: &w)
        historyInputs(o, into: &w)
        return SHA256.hex(w.bytes)
    }

    /// What a locality's pages (its page, leaderboard, notice, changes and
    /// data files) show: every one of its officials' own inputs, its place
    /// among the localities, its leaderboard's order, its part of the tally
    /// and of the history. Its own file is global.
    func localityDigest(_ li: Int, officials: [String?]) -> String? {
        let l = run.province.localities[li]
        var w = ByteWriter()
        w.string("locality")
        w.int(li)
        w.string(l.id)
        w.int(officialsByLocality[li].count)
        for oi in officialsByLocality[li] {
            guard let d = officials[oi] else { return nil }
            w.int(oi)
            w.string(d)
        }
        w.int(plan.localityBoards[li].count)
        for m in plan.localityBoards[li] {
            w.int(run.scoreboard.results[m.result].official)
            w.int(m.rank)
        }
        if let (g, i) = groupedRanking.position[li] {
            let entries = groupedRanking.groups[g].entries
            w.string(groupedRanking.groups[g].group.rawValue)
            w.int(entries[i].rank)
            w.int(entries.count)
            entries[i].mean.encode(into: &w)
            w.int(entries[i].officials)
        } else {
            w.string("")
        }
        w.int(overdueByLocality[li].count)
        for c in overdueByLocality[li] {
            w.int(c.official)
            w.int(c.commitment)
        }
        w.int(contentFilesByLocality[li].count)
        for f in contentFilesByLocality[li] { w.string(f) }
        let tally = run.scoreboard.tally
        tally.localitySummaries[li].encode(into: &w)
        w.int(tally.commentGroups.localities[li].count)
        for g in tally.commentGroups.localities[li] { FeedbackTally.encode(g, into: &w) }
        historyIndex.encodeScores(locality: l.id, into: &w)
        w.int(history.removedRows[l.id] ?? -1)
        let changes = historyIndex.byLocality[l.id] ?? []
        w.int(changes.count)
        for c in changes { SiteRenderer.encode(c, into: &w) }
        return SHA256.hex(w.bytes)
    }

    /// What the official's pages read of the history: its published totals,
    /// its removed commitments, and the changes listed on each card.
    func historyInputs(_ o: Official, into w: inout ByteWriter) {
        let key = o.key
        historyIndex.encodeScores(official: key, into: &w)
        let removed = history.removedCommitments[key] ?? []
        w.int(removed.count)
        for r in removed {
            w.string(r.id)
            w.string(CanonicalJSON.serialize(r.state))
            w.int(r.on.ordinal)
        }
        for id in o.commitments.map(\.id) + removed.map(\.id) {
            let changes = history.commitmentChanges[key + "/" + id] ?? []
            w.string(id)
            w.int(changes.count)
            for c in changes { SiteRenderer.encode(c, into: &w) }
            w.int(history.earlierCommitmentChanges[key + "/" + id] ?? -1)
        }
    }

    static func encode(_ c: SiteHistory.Change, into w: inout ByteWriter) {
        w.int(c.asOf.ordinal)
        w.string(c.kind.rawValue)
        let subject = c.subject.sorted { UTF8Order.precedes($0.key, $1.key) }
        w.int(subject.count)
        for (k, v) in subject { w.string(k); w.string(v) }
        w.string(c.field ?? "\u{0}")
        w.string(c.old.map(CanonicalJSON.serialize) ?? "\u{0}")
        w.string(c.new.map(CanonicalJSON.serialize) ?? "\u{0}")
        w.int(c.count ?? -1)
    }
}
