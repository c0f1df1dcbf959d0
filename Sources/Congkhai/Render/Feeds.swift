/// Atom feeds of commitment updates: the site, each locality, each official.
enum Feeds {
    static let maxEntries = 50

    /// The site's, each locality's and each official's feed, handed to `emit` one at a time.
    /// The published file for a path made of one owner's inputs when they
    /// are unchanged, else what the closure makes (`SiteRenderer.keptOrMade`).
    typealias Keep = @Sendable (_ path: String, _ owner: SiteRenderer.Owner, _ make: () -> OutputFile) -> OutputFile

    static func files(run: ScoringRun, plan: SitePlan, baseURL: String, keep: @escaping Keep = { _, _, make in make() },
                      emit: (OutputFile) throws -> Void) rethrows {
        let p = run.province
        let all = plan.recentUpdates
        try emit(OutputFile(path: SitePaths.feed, bytes: feed(title: p.site.title, selfPath: SitePaths.feed,
                                                              pagePath: SitePaths.home, updates: all, run: run, baseURL: baseURL)))
        // Grouped in one pass, in the same order: filtering the whole list per
        // locality and per official was quadratic (hours at national scale).
        var byLocality: [String: [SitePlan.UpdateRef]] = [:]
        var byOfficial: [Int: [SitePlan.UpdateRef]] = [:]
        for u in all {
            byLocality[p.officials[u.official].locality, default: []].append(u)
            byOfficial[u.official, default: []].append(u)
        }
        // Every locality's, then every official's, made on every core and
        // handed over in that order (one core made them all after the pages,
        // with the other idle: ~1.4 s of the 4,802-official tree's build,
        // change feeds included).
        let (localities, officials) = (byLocality, byOfficial)
        try PipelinedMap.run(count: p.localities.count + p.officials.count, make: { i -> OutputFile in
            if i < p.localities.count {
                let l = p.localities[i]
                return keep(SitePaths.localityFeed(l.id), .locality(i)) {
                    OutputFile(path: SitePaths.localityFeed(l.id),
                               bytes: feed(title: l.name + " — " + p.site.title, selfPath: SitePaths.localityFeed(l.id),
                                          pagePath: SitePaths.locality(l.id), updates: localities[l.id] ?? [], run: run,
                                          baseURL: baseURL))
                }
            }
            let oi = i - p.localities.count
            let o = p.officials[oi]
            return keep(SitePaths.officialFeed(o.locality, o.id), .official(oi)) {
                OutputFile(path: SitePaths.officialFeed(o.locality, o.id),
                           bytes: feed(title: o.name + " — " + p.site.title, selfPath: SitePaths.officialFeed(o.locality, o.id),
                                      pagePath: SitePaths.official(o.locality, o.id), updates: officials[oi] ?? [], run: run,
                                      baseURL: baseURL))
            }
        }) { _, file in try emit(file) }
    }

    /// The feed element up to the first entry: one shape for every Atom
    /// feed of the site, as the bytes the feed is written into.
    static func header(title: String, selfURL: String, pageURL: String, updated: Day, author: String) -> [UInt8] {
        var x = [UInt8]()
        x.reserveCapacity(16 * 1024)
        x.append(contentsOf: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n<title>".utf8)
        HTML.escape(title, into: &x)
        x.append(contentsOf: "</title>\n<id>".utf8)
        HTML.escape(selfURL, into: &x)
        x.append(contentsOf: "</id>\n<link rel=\"self\" href=\"".utf8)
        HTML.escape(selfURL, into: &x)
        x.append(contentsOf: "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"".utf8)
        HTML.escape(pageURL, into: &x)
        x.append(contentsOf: "\"/>\n<updated>".utf8)
        stamp(updated, into: &x)
        x.append(contentsOf: "</updated>\n<author><name>".utf8)
        HTML.escape(author, into: &x)
        x.append(contentsOf: "</name></author>\n".utf8)
        return x
    }

    /// One entry, the same shape in every feed of the site. Each text is
    /// given in pieces, each escaped on its own: escaping works byte by
    /// byte and no piece ends inside a character, so this is the escape of
    /// the joined text, without joining it.
    static func entry(title: [String], id: [String], link: String, updated: Day, summary: [String]?, into x: inout [UInt8]) {
        x.append(contentsOf: "<entry>\n<title>".utf8)
        for piece in title { HTML.escape(piece, into: &x) }
        x.append(contentsOf: "</title>\n<id>".utf8)
        for piece in id { HTML.escape(piece, into: &x) }
        x.append(contentsOf: "</id>\n<link href=\"".utf8)
        HTML.escape(link, into: &x)
        x.append(contentsOf: "\"/>\n<updated>".utf8)
        stamp(updated, into: &x)
        if let summary {
            x.append(contentsOf: "</updated>\n<summary>".utf8)
            for piece in summary { HTML.escape(piece, into: &x) }
            x.append(contentsOf: "</summary>\n</entry>\n".utf8)
        } else {
            x.append(contentsOf: "</updated>\n</entry>\n".utf8)
        }
    }

    /// Dates carry no zone in the content; feeds state Vietnam's (+07:00).
    static func stamp(_ d: Day, into x: inout [UInt8]) {
        x.append(contentsOf: d.description.utf8)
        x.append(contentsOf: "T00:00:00+07:00".utf8)
    }

    static func feed(title: String, selfPath: String, pagePath: String, updates: [SitePlan.UpdateRef],
                     run: ScoringRun, baseURL: String) -> [UInt8] {
        let p = run.province
        let shown = updates.prefix(maxEntries)
        let updated = shown.first.map { p.officials[$0.official].commitments[$0.commitment].updates[$0.update].on } ?? run.scoreboard.asOf
        var x = header(title: title, selfURL: baseURL + selfPath, pageURL: baseURL + pagePath, updated: updated, author: p.site.province)
        for ref in shown {
            let o = p.officials[ref.official]
            let c = o.commitments[ref.commitment]
            let u = c.updates[ref.update]
            let url = baseURL + SitePlan.cardPath(o, ref.commitment, asOf: run.scoreboard.asOf)
            var summary = [c.title]
            if let pr = u.progress { summary += [" — ", Number.format(pr), "%"] }
            if !u.note.isEmpty { summary += [" — ", u.note] }
            entry(title: [o.name, ": ", c.title], id: [url, "/", u.on.description, "/", String(ref.update)], link: url,
                  updated: u.on, summary: summary, into: &x)
        }
        x.append(contentsOf: "</feed>\n".utf8)
        return x
    }
}
