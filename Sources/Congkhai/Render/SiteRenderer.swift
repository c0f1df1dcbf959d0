import Foundation

/// Turns the plan into files: HTML pages through the theme, plus feeds,
/// sitemap, search index, open data and assets.
///
/// Each page is a typed model built by a pure function of the scoreboard and
/// the plan (`Pages/`, `Blocks/`), with display-ready values in the page's
/// language; `TemplateContext` is the one place a model becomes what Mustache
/// reads. Lookups every page needs are computed once here.
public struct SiteRenderer: Sendable {
    let run: ScoringRun
    let plan: SitePlan
    let theme: Theme
    let baseURL: String
    /// Path part of `base_url` (`/` or `/congkhai/`), for the 404 page.
    let basePath: String
    let bodies: OfficialBodies
    /// The theme's plain-words explainer, rendered per language up front (cmark-gfm on one thread).
    let explainers: [String: String]
    let stringsByLanguage: [String: [String: String]]
    /// Each language's words looked up on every page (`Display.Tables`).
    let tablesByLanguage: [String: Display.Tables]
    let bandColours: BandColours
    /// The ledger and score history as pages show them (empty outside `build`).
    let history: SiteHistory
    let historyIndex: HistoryIndex
    let localityIndex: [String: Int]
    /// Official index → its peer group's index.
    let peerGroupOf: [Int: Int]
    let groupedRanking: GroupedRanking
    /// Per locality index: its officials' indexes, results and overdue
    /// commitments, and its content files — each page of a locality looks
    /// here instead of scanning the province (quadratic at national scale).
    let officialsByLocality: [[Int]]
    /// Indexes into `scoreboard.results` (copies of the results were ~60 MB nationally).
    let resultsByLocality: [[Int]]
    let overdueByLocality: [[SitePlan.CommitmentRef]]
    let contentFilesByLocality: [[String]]
    /// Pages rendered by an earlier build of this process (`serve`), reused when unchanged.
    let cache: RenderCache?
    /// Pages the last build published, kept when their fingerprint is unchanged (decision 99).
    let reuse: PageReuse?
    /// False where the caller writes the search index itself (`SiteBuild`
    /// does, on a thread of its own, before the pages).
    let writesSearchIndex: Bool
    /// Each official's and locality's own inputs, digested once for their pages' fingerprints (with `reuse`).
    private(set) var inputDigests: InputDigests?
    /// The feedback portal's QR code, the same on every notice in every
    /// language: encoded once per build, not once per page (19,200 pages nationally).
    let portalQR: QRCode.Modules?
    /// The footer's feedback channels, by language (`channels(_:)`).
    let channelsByLanguage: [String: [LayoutPage.Channel]]

    /// `bodies`: the officials' bodies as HTML, in province order, when the
    /// caller rendered them already (a build does, beside its history stage).
    public init(run: ScoringRun, plan: SitePlan, theme: Theme, baseURL: String, history: SiteHistory = .empty, cache: RenderCache? = nil,
                reuse: PageReuse? = nil, bodies: OfficialBodies? = nil, writesSearchIndex: Bool = true) {
        self.writesSearchIndex = writesSearchIndex
        self.cache = cache
        self.reuse = reuse
        self.history = history
        historyIndex = HistoryIndex(run: run, history: history)
        self.run = run
        self.plan = plan
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        if let url = URL(string: self.baseURL), !url.path.isEmpty {
            basePath = url.path.hasSuffix("/") ? url.path : url.path + "/"
        } else {
            basePath = "/"
        }
        bandColours = BandColours(run.province.framework)
        self.bodies = bodies ?? OfficialBodies(run.province.officials)
        var explained: [String: String] = [:]
        for language in plan.languages {
            if let text = theme.pages["cach-tinh-diem"].flatMap({ $0[language] ?? $0["vi"] }) { explained[language] = MarkdownRenderer.html(text) }
        }
        explainers = explained
        var s: [String: [String: String]] = [:]
        for language in plan.languages { s[language] = theme.strings(for: language) }
        stringsByLanguage = s
        var tables: [String: Display.Tables] = [:]
        for (language, t) in s {
            tables[language] = Display.Tables(t, language: language, framework: run.province.framework,
                                              period: run.province.site.period, asOf: run.scoreboard.asOf)
        }
        tablesByLanguage = tables
        channelsByLanguage = s.mapValues { SiteRenderer.channels(run.province.site.feedbackChannels, strings: $0) }
        // Written into the templates from the very tables pages are given as `t`.
        self.theme = theme.resolving(strings: s)
        localityIndex = Dictionary(run.province.localities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var peers: [Int: Int] = [:]
        for (gi, g) in plan.peerGroups.enumerated() {
            for m in g.members { peers[run.scoreboard.results[m.result].official] = gi }
        }
        peerGroupOf = peers
        groupedRanking = GroupedRanking(plan.localityRanking, localities: run.province.localities)
        if let portal = run.province.site.feedbackChannels.first(where: { $0.key == "portal" })?.value, LinkPolicy.href(portal) != nil {
            portalQR = QRCode.modules(portal)
        } else {
            portalQR = nil
        }
        let p = run.province
        let indexOf = Dictionary(p.localities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let localityOf = p.officials.map { indexOf[$0.locality] ?? 0 }
        var officials = Array(repeating: [Int](), count: p.localities.count)
        for oi in p.officials.indices { officials[localityOf[oi]].append(oi) }
        officialsByLocality = officials
        var results = Array(repeating: [Int](), count: p.localities.count)
        for (ri, r) in run.scoreboard.results.enumerated() { results[localityOf[r.official]].append(ri) }
        resultsByLocality = results
        var overdue = Array(repeating: [SitePlan.CommitmentRef](), count: p.localities.count)
        for c in plan.commitmentLists[.overdue] ?? [] { overdue[localityOf[c.official]].append(c) }
        overdueByLocality = overdue
        contentFilesByLocality = SitePlan.contentFilesByLocality(p)
        if reuse != nil { inputDigests = computeInputDigests() }
    }

    /// Pages rendered in chunks on every core, each chunk handed to `emit` in
    /// plan order as soon as it is done, and beside them, on a thread of
    /// their own, the files of the whole province (search index, feeds; the
    /// open data there too, or on the pages' thread when it is free first:
    /// `FirstTaker`); then the sitemaps. A build writes each file into its
    /// staging folder as it comes, so memory does not grow with the site.
    /// A template that cannot render is an error in `log`.
    ///
    /// The province's files are mostly made on one core (the search index,
    /// the tables): after the pages they left the other core idle, and in a
    /// rebuild, where most pages are kept, they were half the stage. `emit`
    /// is called from both threads. Every file is written before this
    /// returns or throws.
    public func render(log: DiagnosticLog, emit: @escaping @Sendable (OutputFile) throws -> Void) throws {
        let renderer = self
        // The open data is made by whichever thread is free first: the
        // province's (after the search index and feeds) or the pages' (a
        // rebuild keeps most pages and ends them early).
        let openDataTaker = FirstTaker()
        let province = BackgroundValue { () -> Result<Void, any Error> in
            Result {
                try renderer.searchAndFeeds(emit: emit)
                if openDataTaker.take() { try renderer.openData(emit: emit) }
            }
        }
        do {
            // Markdown bodies were rendered up front (cmark-gfm must stay on one thread at a time).
            // A kind of page in every language at once (`SitePlan.pageGroups`),
            // 128 groups (256 pages) a chunk as before.
            let pages = plan.pages
            let groups = plan.pageGroups
            try PipelinedMap.run(count: groups.count, chunk: 128, make: { g in
                let memo = PageGroupMemo()
                return groups[g].map { renderer.renderPage(pages[$0], memo: memo) }
            }) { _, results in
                for result in results {
                    switch result {
                    case let .success(file): try emit(file)
                    case let .failure(error): log.error(error.file, error.line, 0, error.message)
                    }
                }
            }
            if let oi = bodies.lost { log.error(run.province.officials[oi].file, 0, 0, Spool.Failure().description) }
            cache?.sweep()
            for asset in theme.assets { try emit(OutputFile(path: "assets/" + asset.name, bytes: asset.bytes)) }
            try emit(OutputFile(path: "assets/bands.css", text: bandColours.stylesheet))
            // Asked for all at once first: one by one, cold, they waited for the disk in turn.
            ReadAhead.files(run.province.staticFiles, root: run.province.root)
            for path in run.province.staticFiles {
                if let data = FileManager.default.contents(atPath: run.province.root + "/" + path) {
                    let bytes = [UInt8](data)
                    // The manifest names these bytes, not the file read again later.
                    run.province.inputBytes.recordCopied(path, hash: SHA256.hex(bytes))
                    try emit(OutputFile(path: String(path.dropFirst("static/".count)), bytes: bytes))
                }
            }
            if openDataTaker.take() { try renderer.openData(emit: emit) }
        } catch {
            // The other thread must stop writing before the staging folder goes.
            _ = province.value
            throw error
        }
        try province.value.get()
        for file in sitemaps() { try emit(file) }
        try emit(OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\nSitemap: \(baseURL)sitemap.xml\n"))
    }

    /// The search index and the feeds, each handed over one file at a
    /// time: the feeds of a national site are hundreds of MB together.
    private func searchAndFeeds(emit: (OutputFile) throws -> Void) throws {
        // The search index first: its sorting is a transient of ~100 MB on a
        // national site, made while the pages' own memory is still small.
        if writesSearchIndex { try SearchIndex.files(run: run, emit: emit) }
        try Feeds.files(run: run, plan: plan, baseURL: baseURL, keep: keep, emit: emit)
        try changeFeeds(keep: keep, emit: emit)
    }

    /// The open data, a file at a time (the explanations of a national site
    /// are hundreds of MB together).
    private func openData(emit: @escaping @Sendable (OutputFile) throws -> Void) throws {
        try OpenData.files(run: run, plan: plan, history: history, keep: keep, rows: rowRuns, emit: emit)
    }

    /// An official's or locality's feeds and explanation: kept like its pages (decision 99).
    private var keep: Feeds.Keep {
        let renderer = self
        return { path, owner, make in renderer.keptOrMade(path, of: owner, make) }
    }

    /// The runs of the province's tables kept like their officials'
    /// explanations (decision 105); nil where nothing is fingerprinted.
    var rowRuns: OpenData.RowRuns? {
        guard let reuse else { return nil }
        let renderer = self
        @Sendable func name(_ table: String, _ oi: Int) -> String { TableRuns.name(table, official: renderer.run.province.officials[oi].key) }
        return OpenData.RowRuns(kept: { table, oi in
            let run = name(table, oi)
            return reuse.runs.kept(table, run, fingerprint: renderer.fingerprint(run, of: .official(oi)))
        }, note: { table, oi, offset, length in
            let run = name(table, oi)
            guard let fingerprint = renderer.fingerprint(run, of: .official(oi)) else { return }
            reuse.runs.note(run, TableRuns.Run(fingerprint: fingerprint, offset: offset, length: length))
        })
    }

    // MARK: - Pages

    func display(for page: SitePlan.Page) -> (Display, fullPath: String) {
        let prefix = SitePaths.prefix(page.language, default: plan.defaultLanguage)
        let full = page.kind == .notFound ? page.path : prefix + page.path
        let root = page.kind == .notFound ? basePath : SitePaths.relative(from: full, to: "")
        return (Display(language: page.language, t: stringsByLanguage[page.language] ?? [:], root: root == "./" ? "" : root,
                        prefix: prefix, tables: tablesByLanguage[page.language] ?? .none), full)
    }

    /// A page's typed model, the template that lays it out, and what the frame needs.
    struct PageModel {
        var template: String
        var model: any Encodable
        var title: String
        var description: String
        var feed: (href: String, title: String)?
    }

    /// The typed model of one page: a pure function of the scoreboard, the plan and the history.
    func pageModel(_ page: SitePlan.Page, _ d: Display, memo: PageGroupMemo? = nil) -> PageModel {
        let p = run.province
        var m = PageModel(template: "", model: NotFoundPage(home: "", localitiesHref: ""), title: p.site.title,
                          description: d.label("site_tagline"))
        switch page.kind {
        case .home:
            m.template = "home"; m.model = homePage(d); m.title = d.label("home_title")
            m.feed = (d.root + SitePaths.feed, p.site.title)
        case let .localities(n):
            m.template = "localities"; m.model = localitiesPage(n, d); m.title = d.label("localities_ranked") + pageSuffix(n, d)
        case let .locality(li):
            m.template = "locality"; m.model = localityPage(li, d); m.title = p.localities[li].name
            m.description = m.title + " — " + d.label("leaderboard")
            m.feed = (d.root + SitePaths.localityFeed(p.localities[li].id), m.title)
        case let .official(oi):
            let o = p.officials[oi]
            m.template = "official"; m.title = o.name + " — " + o.position
            m.feed = (d.root + SitePaths.officialFeed(o.locality, o.id), o.name)
            if let model = officialPage(oi, d, memo: memo) { m.model = model; m.description = model.summary }
        case let .localityBoard(li, n):
            m.template = "locality-board"; m.model = localityBoardPage(li, page: n, d)
            m.title = d.label("leaderboard") + " — " + p.localities[li].name + pageSuffix(n, d)
        case let .officialCommitments(oi, n):
            let o = p.officials[oi]
            m.template = "official-commitments"; m.model = officialCommitmentsPage(oi, page: n, d)
            m.title = d.label("commitment_details") + " — " + o.name + pageSuffix(n, d)
        case let .notice(li, n):
            m.template = "notice"; m.model = noticePage(li, page: n, d)
            m.title = d.label("notice_title") + " — " + p.localities[li].name + pageSuffix(n, d)
        case .peerGroups:
            m.template = "peer-groups"; m.model = peerGroupsPage(d); m.title = d.label("nav_peer_groups")
        case let .peerGroup(gi, n):
            let model = peerGroupPage(gi, page: n, d)
            m.template = "peer-group"; m.model = model; m.title = model.name + pageSuffix(n, d)
        case let .commitments(list, n):
            let model = commitmentsPage(list, page: n, d)
            m.template = "commitments"; m.model = model; m.title = model.heading + pageSuffix(n, d)
        case let .feedback(n):
            m.template = "feedback"; m.model = feedbackPage(n, d); m.title = d.label("feedback_summary") + pageSuffix(n, d)
        case .methodology:
            m.template = "methodology"; m.model = methodologyPage(d); m.title = d.label("nav_methodology")
        case let .openData(n):
            m.template = "open-data"; m.model = openDataPage(n, d); m.title = d.label("nav_open_data") + pageSuffix(n, d)
        case let .dataFiles(li, n):
            m.template = "data-files"; m.model = dataFilesPage(li, page: n, d)
            m.title = d.label("data_files_title") + " " + p.localities[li].name + pageSuffix(n, d)
        case .search:
            m.template = "search"; m.model = searchPage(d); m.title = d.label("nav_search")
        case .notFound:
            m.template = "not-found"; m.model = NotFoundPage(home: d.link(SitePaths.home), localitiesHref: d.link(SitePaths.localities))
            m.title = d.label("not_found_title")
        case let .changes(li):
            m.template = "changes"; m.model = changesPage(li, d)
            m.title = d.label("changes_title") + (li.map { " — " + p.localities[$0].name } ?? "")
            m.feed = (d.root + (li.map { SitePaths.localityChangesFeed(p.localities[$0].id) } ?? SitePaths.changesFeed), m.title)
        case let .compare(context, n):
            let model = comparePage(context, page: n, d)
            m.template = "compare"; m.model = model; m.title = model.heading + pageSuffix(n, d)
        case .explainer:
            m.template = "explainer"; m.title = d.label("explainer_title")
            m.model = ExplainerPage(methodologyHref: d.link(SitePaths.methodology), bodyHTML: explainers[page.language] ?? "")
        }
        return m
    }

    func renderPage(_ page: SitePlan.Page, memo: PageGroupMemo? = nil) -> Result<OutputFile, Theme.RenderError> {
        let (d, fullPath) = display(for: page)
        let path = SitePaths.file(for: fullPath)
        let print = reuse == nil ? nil : owner(of: page.kind).flatMap { self.fingerprint(path, of: $0) }
        if let kept = kept(path, fingerprint: print) { return .success(kept) }
        return modelAndRender(page, d, fullPath: fullPath, memo: memo).map { file in
            var file = file
            file.fingerprint = print
            return file
        }
    }

    func modelAndRender(_ page: SitePlan.Page, _ d: Display, fullPath: String, memo: PageGroupMemo? = nil) -> Result<OutputFile, Theme.RenderError> {
        let m = pageModel(page, d, memo: memo)
        guard let cache else { return render(page, m, d, fullPath: fullPath) }
        // The frame without its content stands for everything the page shows besides its model.
        let frame = layout(page, d, fullPath: fullPath, title: m.title, description: m.description, feed: m.feed, content: PageHTML(bytes: []))
        guard let model = RenderCache.key(template: m.template, theme: theme.fingerprint, model: m.model),
              let key = RenderCache.key(template: "layout", theme: model, model: frame) else {
            return render(page, m, d, fullPath: fullPath)
        }
        if let bytes = cache.page(key) { return .success(OutputFile(path: SitePaths.file(for: fullPath), bytes: bytes)) }
        let result = render(page, m, d, fullPath: fullPath)
        if case let .success(file) = result { cache.store(key, file.bytes) }
        return result
    }

    func render(_ page: SitePlan.Page, _ m: PageModel, _ d: Display, fullPath: String) -> Result<OutputFile, Theme.RenderError> {
        theme.renderBytes(TemplateTree.page(m.model, strings: d.t, root: d.root, bytes: SiteRenderer.modelCapacity), template: m.template,
                          language: d.language, capacity: SiteRenderer.contentCapacity).flatMap { html in
            let frame = layout(page, d, fullPath: fullPath, title: m.title, description: m.description, feed: m.feed,
                               content: PageHTML(bytes: html))
            return theme.renderBytes(TemplateTree.page(frame, strings: d.t, root: d.root), template: "layout", language: d.language,
                                     capacity: html.count + SiteRenderer.frameCapacity)
                .map { OutputFile(path: SitePaths.file(for: fullPath), bytes: $0) }
        }
    }

    /// Bytes reserved for the text of a page's model (`TemplateTree`): an
    /// official's is ~25 KB; a list's grows once or twice from here.
    static let modelCapacity = 32 * 1024
    /// Bytes reserved for a page's content: an official's page is ~40 KB, a
    /// list's up to the ~200 KB cap (those grow once or twice from here).
    /// Only the bytes written are touched; at most two chunks of pages
    /// (`PipelinedMap`, 512) are in flight.
    static let contentCapacity = 64 * 1024
    /// Bytes reserved for the frame around the content (head, header,
    /// navigation, footer: ~4.5 KB in the default theme).
    static let frameCapacity = 8 * 1024

    /// " (trang 2/5)" in titles of later pages, so every page's title is unique.
    func pageSuffix(_ n: Int, _ d: Display) -> String {
        n <= 1 ? "" : " — " + d.fill("pager_page", ["page": d.count(n)])
    }

    /// "Điểm tạm tính đến hết kỳ (31/12/2026)" while the period is open; nil after it ends.
    func provisional(_ d: Display) -> String? {
        let end = run.province.site.period.end
        return run.scoreboard.asOf < end ? d.fill("provisional", ["date": end.vietnamese]) : nil
    }

    func officialLink(_ oi: Int, _ d: Display) -> String {
        let o = run.province.officials[oi]
        return d.link(SitePaths.official(o.locality, o.id))
    }

    // MARK: - Sitemap

    /// The protocol's limit is 50,000 URLs a file; past it, `sitemap.xml` becomes an index.
    static let sitemapLimit = 45_000

    /// `sitemap.xml`, or an index of `sitemap-N.xml` files for a national site.
    func sitemaps(limit: Int = SiteRenderer.sitemapLimit) -> [OutputFile] {
        let urls = plan.pages.filter { $0.kind != .notFound }.map { page in
            "<url><loc>\(HTML.escape(baseURL + SitePaths.prefix(page.language, default: plan.defaultLanguage) + page.path))</loc>"
                + "<lastmod>\(run.scoreboard.asOf)</lastmod></url>\n"
        }
        func urlset(_ part: ArraySlice<String>) -> String {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                + part.joined() + "</urlset>\n"
        }
        guard urls.count > limit else { return [OutputFile(path: "sitemap.xml", text: urlset(urls[...]))] }
        var files: [OutputFile] = []
        var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (n, start) in stride(from: 0, to: urls.count, by: limit).enumerated() {
            let name = "sitemap-\(n + 1).xml"
            files.append(OutputFile(path: name, text: urlset(urls[start..<min(urls.count, start + limit)])))
            index += "<sitemap><loc>\(HTML.escape(baseURL + name))</loc><lastmod>\(run.scoreboard.asOf)</lastmod></sitemap>\n"
        }
        return files + [OutputFile(path: "sitemap.xml", text: index + "</sitemapindex>\n")]
    }
}
