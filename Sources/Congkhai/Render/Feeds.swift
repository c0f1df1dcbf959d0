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
        try emit(OutputFile(path: SitePaths.feed, text: feed(title: p.site.title, selfPath: SitePaths.feed,
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
                               text: feed(title: l.name + " — " + p.site.title, selfPath: SitePaths.localityFeed(l.id),
                                          pagePath: SitePaths.locality(l.id), updates: localities[l.id] ?? [], run: run,
                                          baseURL: baseURL))
                }
            }
            let oi = i - p.localities.count
            let o = p.officials[oi]
            return keep(SitePaths.officialFeed(o.locality, o.id), .official(oi)) {
                OutputFile(path: SitePaths.officialFeed(o.locality, o.id),
                           text: feed(title: o.name + " — " + p.site.title, selfPath: SitePaths.officialFeed(o.locality, o.id),
                                      pagePath: SitePaths.official(o.locality, o.id), updates: officials[oi] ?? [], run: run,
                                      baseURL: baseURL))
            }
        }) { _, file in try emit(file) }
    }

    /// The feed element up to the first entry: one shape for every Atom feed of the site.
    static func header(title: String, selfURL: String, pageURL: String, updated: Day, author: String) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n"
        x += "<title>\(HTML.escape(title))</title>\n"
        x += "<id>\(HTML.escape(selfURL))</id>\n"
        x += "<link rel=\"self\" href=\"\(HTML.escape(selfURL))\"/>\n"
        x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(HTML.escape(pageURL))\"/>\n"
        x += "<updated>\(stamp(updated))</updated>\n<author><name>\(HTML.escape(author))</name></author>\n"
        return x
    }

    /// Dates carry no zone in the content; feeds state Vietnam's (+07:00).
    static func stamp(_ d: Day) -> String { d.description + "T00:00:00+07:00" }

    static func feed(title: String, selfPath: String, pagePath: String, updates: [SitePlan.UpdateRef],
                     run: ScoringRun, baseURL: String) -> String {
        let p = run.province
        let shown = updates.prefix(maxEntries)
        let updated = shown.first.map { p.officials[$0.official].commitments[$0.commitment].updates[$0.update].on } ?? run.scoreboard.asOf
        var x = header(title: title, selfURL: baseURL + selfPath, pageURL: baseURL + pagePath, updated: updated, author: p.site.province)
        for ref in shown {
            let o = p.officials[ref.official]
            let c = o.commitments[ref.commitment]
            let u = c.updates[ref.update]
            let url = baseURL + SitePlan.cardPath(o, ref.commitment, asOf: run.scoreboard.asOf)
            var summary = c.title
            if let pr = u.progress { summary += " — \(Number.format(pr))%" }
            if !u.note.isEmpty { summary += " — " + u.note }
            x += "<entry>\n<title>\(HTML.escape(o.name + ": " + c.title))</title>\n"
            x += "<id>\(HTML.escape(url + "/" + u.on.description + "/" + String(ref.update)))</id>\n"
            x += "<link href=\"\(HTML.escape(url))\"/>\n<updated>\(stamp(u.on))</updated>\n"
            x += "<summary>\(HTML.escape(summary))</summary>\n</entry>\n"
        }
        return x + "</feed>\n"
    }
}
