import Foundation

/// Turns the plan into files: HTML pages through the theme, plus feeds,
/// sitemap, search index, open data and assets.
///
/// Shared fragments (strings, Markdown bodies) are computed once; page
/// contexts are plain dictionaries because Mustache reads them fastest.
public struct SiteRenderer: Sendable {
    let run: ScoringRun
    let plan: SitePlan
    let theme: Theme
    let baseURL: String
    /// Path part of `base_url` (`/` or `/congkhai/`), for the 404 page.
    let basePath: String
    let bodies: [String]
    let stringsByLanguage: [String: [String: String]]
    let bandColours: BandColours
    /// The ledger and score history as pages show them (empty outside `build`).
    let history: SiteHistory
    let historyIndex: HistoryIndex

    public init(run: ScoringRun, plan: SitePlan, theme: Theme, baseURL: String, history: SiteHistory = .empty) {
        self.history = history
        historyIndex = HistoryIndex(run: run, history: history)
        self.run = run
        self.plan = plan
        self.theme = theme
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        if let url = URL(string: self.baseURL), !url.path.isEmpty {
            basePath = url.path.hasSuffix("/") ? url.path : url.path + "/"
        } else {
            basePath = "/"
        }
        bandColours = BandColours(run.province.framework)
        bodies = run.province.officials.map { MarkdownRenderer.html($0.body) }
        var s: [String: [String: String]] = [:]
        for language in plan.languages { s[language] = theme.strings(for: language) }
        stringsByLanguage = s
    }

    public func render() -> [OutputFile] {
        // Pages are independent: render them on every core. Markdown bodies were
        // rendered up front (cmark-gfm must stay on one thread at a time).
        let pages = plan.pages
        let slots = PageSlots(count: pages.count)
        let renderer = self
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            slots.set(i, renderer.renderPage(pages[i]))
        }
        var files = slots.values
        for asset in theme.assets { files.append(OutputFile(path: "assets/" + asset.name, bytes: asset.bytes)) }
        files.append(OutputFile(path: "assets/bands.css", text: bandColours.stylesheet))
        for path in run.province.staticFiles {
            if let data = FileManager.default.contents(atPath: run.province.root + "/" + path) {
                files.append(OutputFile(path: String(path.dropFirst("static/".count)), bytes: [UInt8](data)))
            }
        }
        files += Feeds.files(run: run, plan: plan, baseURL: baseURL)
        files += changeFeeds()
        files += OpenData.files(run: run, plan: plan, history: history)
        files.append(SearchIndex.file(run: run, plan: plan))
        files.append(OutputFile(path: "sitemap.xml", text: sitemap()))
        files.append(OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\nSitemap: \(baseURL)sitemap.xml\n"))
        return files
    }

    // MARK: - Pages

    struct PageEnv {
        let language: String
        let fullPath: String
        let root: String
        let t: [String: String]
        let prefix: String

        func link(_ path: String) -> String { root + prefix + path }
        func label(_ key: String) -> String { t[key] ?? key }
    }

    func env(for page: SitePlan.Page) -> PageEnv {
        let prefix = SitePaths.prefix(page.language, default: plan.defaultLanguage)
        let full = page.kind == .notFound ? page.path : prefix + page.path
        let root = page.kind == .notFound ? basePath : SitePaths.relative(from: full, to: "")
        let rootFixed = root == "./" ? "" : root
        return PageEnv(language: page.language, fullPath: full, root: rootFixed,
                       t: stringsByLanguage[page.language] ?? [:], prefix: page.kind == .notFound ? prefix : prefix)
    }

    func renderPage(_ page: SitePlan.Page) -> OutputFile {
        let e = env(for: page)
        let p = run.province
        var title = p.site.title
        var description = e.label("site_tagline")
        var feed: String?
        var feedTitle = ""
        let template: String
        var ctx: [String: Any]
        switch page.kind {
        case .home:
            template = "home"; ctx = homeContext(e); title = e.label("home_title")
            feed = e.root + SitePaths.feed; feedTitle = p.site.title
        case .localities:
            template = "localities"; ctx = localitiesContext(e); title = e.label("localities_ranked")
        case let .locality(li):
            template = "locality"; ctx = localityContext(li, e); title = p.localities[li].name
            description = title + " — " + e.label("leaderboard")
            feed = e.root + SitePaths.localityFeed(p.localities[li].id); feedTitle = title
        case let .official(oi):
            template = "official"; ctx = officialContext(oi, e)
            let o = p.officials[oi]
            title = o.name + " — " + o.position
            description = ctx["description"] as? String ?? description
            feed = e.root + SitePaths.officialFeed(o.locality, o.id); feedTitle = o.name
        case let .notice(li):
            template = "notice"; ctx = noticeContext(li, e); title = e.label("notice_title") + " — " + p.localities[li].name
        case .peerGroups:
            template = "peer-groups"; ctx = peerGroupsContext(e); title = e.label("nav_peer_groups")
        case let .peerGroup(gi):
            template = "peer-group"; ctx = peerGroupContext(gi, e)
            title = "\(ctx["role"] as? String ?? "") — \(ctx["context"] as? String ?? "")"
        case let .commitments(list):
            template = "commitments"; ctx = commitmentsContext(list, e); title = ctx["heading"] as? String ?? ""
        case .feedback:
            template = "feedback"; ctx = feedbackPageContext(e); title = e.label("feedback_summary")
        case .methodology:
            template = "methodology"; ctx = methodologyContext(e); title = e.label("nav_methodology")
        case .openData:
            template = "open-data"; ctx = openDataContext(e); title = e.label("nav_open_data")
        case .search:
            template = "search"; ctx = searchContext(e); title = e.label("nav_search")
        case .notFound:
            template = "not-found"; ctx = [:]; title = e.label("not_found_title")
        case let .changes(li):
            template = "changes"; ctx = changesContext(li, e)
            title = e.label("changes_title") + (li.map { " — " + p.localities[$0].name } ?? "")
            feed = e.root + (li.map { SitePaths.localityChangesFeed(p.localities[$0].id) } ?? SitePaths.changesFeed)
            feedTitle = title
        }
        var layout = commonContext(page, e)
        for (k, v) in ctx { layout[k] = v }
        layout["content"] = theme.render(layout, template: template)
        layout["page_title"] = title
        layout["description"] = description
        if let feed { layout["feed"] = feed; layout["feed_title"] = feedTitle }
        let html = theme.render(layout, template: "layout")
        return OutputFile(path: SitePaths.file(for: e.fullPath), text: html)
    }

    func commonContext(_ page: SitePlan.Page, _ e: PageEnv) -> [String: Any] {
        let p = run.province
        let navItems: [(String, String, SitePlan.PageKind)] = [
            ("nav_home", SitePaths.home, .home), ("nav_localities", SitePaths.localities, .localities),
            ("nav_peer_groups", SitePaths.peerGroups, .peerGroups),
            ("nav_commitments", SitePaths.commitments(.overdue), .commitments(.overdue)),
            ("nav_feedback", SitePaths.feedback, .feedback), ("nav_methodology", SitePaths.methodology, .methodology),
            ("nav_open_data", SitePaths.openData, .openData), ("nav_search", SitePaths.search, .search),
        ]
        let nav: [[String: Any]] = navItems.map { key, path, kind in
            var item: [String: Any] = ["label": e.label(key), "href": e.link(path).isEmpty ? "./" : e.link(path)]
            if kind == page.kind { item["current"] = true }
            return item
        }
        let other = plan.languages.first { $0 != page.language } ?? page.language
        let otherPrefix = SitePaths.prefix(other, default: plan.defaultLanguage)
        let switchHref = page.kind == .notFound ? e.root + otherPrefix : e.root + otherPrefix + page.path
        var alternates: [[String: Any]] = []
        for l in plan.languages {
            alternates.append(["lang": l, "href": baseURL + SitePaths.prefix(l, default: plan.defaultLanguage) + page.path])
        }
        var ctx: [String: Any] = [
            "lang": e.language,
            "og_locale": e.language == "vi" ? "vi_VN" : "en_US",
            "t": e.t,
            "site_title": p.site.title,
            "root": e.root,
            "home": e.link(SitePaths.home).isEmpty ? "./" : e.link(SitePaths.home),
            "nav": nav,
            "switch_href": switchHref.isEmpty ? "./" : switchHref,
            "switch_lang": other,
            "canonical": baseURL + e.fullPath,
            "alternates": page.kind == .notFound ? [] : alternates,
            "channels": channels(e),
            "as_of": run.scoreboard.asOf.description,
            "period": "\(p.site.period.start) – \(p.site.period.end)",
            "framework_name": p.framework.name.text(e.language),
            "open_data": e.link(SitePaths.openData),
            "version": CongkhaiVersion.string,
            "localities_href": e.link(SitePaths.localities),
        ]
        if p.site.demo { ctx["demo"] = true }
        return ctx
    }

    func channels(_ e: PageEnv) -> [[String: Any]] {
        run.province.site.feedbackChannels.map { key, value in
            var c: [String: Any] = ["label": e.t["channel_" + key] ?? key, "value": value]
            if key == "portal" || value.lowercased().hasPrefix("http") {
                if let safe = LinkPolicy.href(value) { c["href"] = safe }
            } else if key == "hotline", !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isNumber || " +-.()".contains($0)) }) {
                c["href"] = "tel:" + value.filter { $0.isNumber || $0 == "+" }
            } else if key == "email", value.contains("@"), let safe = LinkPolicy.href("mailto:" + value) {
                c["href"] = safe
            }
            return c
        }
    }

    // MARK: - Formatting

    func fmt(_ x: Rational, _ e: PageEnv, places: Int = 2) -> String {
        let s = Number.fixed(x, places: places)
        return e.language == "vi" ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    func fmtShort(_ x: Rational, _ e: PageEnv) -> String {
        let s = Number.format(x, places: 2)
        return e.language == "vi" ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    func bandContext(_ index: Int, _ e: PageEnv) -> [String: Any] {
        let band = run.province.framework.bands[index]
        return ["band_rank": index, "band_name": band.name.text(e.language), "band_id": band.id]
    }

    func groupBStatus(_ r: OfficialResult, _ e: PageEnv) -> String {
        guard let g = r.gate, let a = g.attainment else { return e.label("group_b_none") }
        return (g.passed ? e.label("group_b_pass") : e.label("group_b_fail")) + " (" + fmt(a, e) + ")"
    }

    func officialLink(_ oi: Int, _ e: PageEnv) -> String {
        let o = run.province.officials[oi]
        return e.link(SitePaths.official(o.locality, o.id))
    }

    func leaderboardRows(_ members: [(result: Int, rank: Int)], _ e: PageEnv, showLocality: Bool) -> [[String: Any]] {
        let p = run.province
        let localityName = Dictionary(uniqueKeysWithValues: p.localities.map { ($0.id, $0.name) })
        return members.map { m in
            let r = run.scoreboard.results[m.result]
            let o = p.officials[r.official]
            var row: [String: Any] = [
                "rank": m.rank, "name": o.name, "href": officialLink(r.official, e), "position": o.position,
                "total": fmt(r.total, e), "group_b": groupBStatus(r, e),
            ]
            if showLocality {
                row["locality_name"] = localityName[o.locality] ?? o.locality
                row["locality_href"] = e.link(SitePaths.locality(o.locality))
            }
            for (k, v) in bandContext(r.band, e) { row[k] = v }
            if !r.bandIsRobust { row["weight_dependent"] = true }
            return row
        }
    }

    func commitmentRow(_ ref: SitePlan.CommitmentRef, _ e: PageEnv, withOfficial: Bool) -> [String: Any] {
        let p = run.province
        let o = p.officials[ref.official]
        let c = o.commitments[ref.commitment]
        let D = run.scoreboard.asOf
        var row: [String: Any] = [
            "title": c.title, "status": e.label("status_" + c.status.rawValue), "status_key": c.status.rawValue,
            "deadline": c.deadline.description,
        ]
        if c.isOverdue(asOf: D) { row["overdue"] = true }
        if let on = c.completedOn, on <= D { row["completed_on"] = on.description }
        let locality = p.localities.first { $0.id == o.locality }
        if let t = p.effectiveTarget(of: c, locality: locality, asOf: D) {
            row["target"] = fmtShort(t, e) + (c.unit.isEmpty ? "" : " " + c.unit)
        }
        if let a = c.actual { row["actual"] = fmtShort(a, e) + (c.unit.isEmpty ? "" : " " + c.unit) }
        if withOfficial {
            row["official_name"] = o.name
            row["official_href"] = officialLink(ref.official, e) + "#ck-" + c.id
            row["locality_name"] = p.localities.first { $0.id == o.locality }?.name ?? o.locality
        }
        return row
    }

    // MARK: - Feedback summaries

    func feedbackContext(_ s: FeedbackTally.Summary, comments: [PublishedComment], id: String, _ e: PageEnv) -> [String: Any] {
        var ctx: [String: Any] = ["fb_id": id]
        guard s.rows > 0 else { return ctx }
        ctx["has_feedback"] = true
        ctx["by_kind"] = FeedbackKind.allCases.enumerated().map { i, k in ["label": e.label("feedback_" + k.rawValue), "count": s.byKind[i]] }
        var channels: [[String: Any]] = FeedbackChannel.allCases.enumerated().compactMap { i, c in
            s.byChannel[i] > 0 ? ["label": e.label("channel_" + c.rawValue), "count": s.byChannel[i]] : nil
        }
        if let unknown = s.byChannel.last, unknown > 0 { channels.append(["label": e.label("channel_unknown"), "count": unknown]) }
        ctx["by_channel"] = channels
        var respondents: [[String: Any]] = RespondentKind.allCases.enumerated().compactMap { i, k in
            s.byRespondentKind[i] > 0 ? ["label": e.label("respondent_" + k.rawValue), "count": s.byRespondentKind[i]] : nil
        }
        if let unknown = s.byRespondentKind.last, unknown > 0 { respondents.append(["label": e.label("respondent_unknown"), "count": unknown]) }
        ctx["by_respondent"] = respondents
        ctx["rating_count"] = s.ratingCount
        ctx["mean_rating"] = s.ratingMean.map { fmt($0, e) } ?? "—"
        let maxCount = Double(s.ratingHistogram.max() ?? 0)
        let bars = (0..<5).reversed().map { i in
            Charts.Bar(label: "\(i + 1) " + e.label("stars"), value: Double(s.ratingHistogram[i]),
                       valueText: String(s.ratingHistogram[i]), fill: BandColours.neutral)
        }
        ctx["rating_chart"] = Charts.horizontal(bars, maxValue: maxCount, title: e.label("ratings"))
        ctx["histogram"] = (0..<5).reversed().map { i in ["stars": i + 1, "count": s.ratingHistogram[i]] }
        ctx["complaints_open"] = s.complaintsOpen
        ctx["complaints_on_time"] = s.complaintsResolvedOnTime
        ctx["complaints_late"] = s.complaintsResolvedLate
        ctx["complaints_overdue"] = s.complaintsOverdue
        ctx["median_days"] = s.medianResolveDays.map { fmtShort($0, e) } ?? "—"
        let top = s.topCategories(5, names: run.scoreboard.tally.categoryNames)
        if !top.isEmpty {
            ctx["has_categories"] = true
            ctx["categories"] = top.map { ["name": $0.0, "count": $0.1] }
        }
        let shown = comments.prefix(20)
        if !shown.isEmpty {
            ctx["has_comments"] = true
            ctx["comments"] = shown.map { c -> [String: Any] in
                var m: [String: Any] = ["text": c.text, "date": c.date.description, "kind": e.label("feedback_" + c.kind.rawValue)]
                if !c.category.isEmpty { m["category"] = c.category }
                return m
            }
        }
        return ctx
    }

    // MARK: - Sitemap

    func sitemap() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in plan.pages where page.kind != .notFound {
            let prefix = SitePaths.prefix(page.language, default: plan.defaultLanguage)
            out += "<url><loc>\(HTML.escape(baseURL + prefix + page.path))</loc><lastmod>\(run.scoreboard.asOf)</lastmod></url>\n"
        }
        return out + "</urlset>\n"
    }
}

/// Results of parallel page rendering, in plan order.
final class PageSlots: @unchecked Sendable {
    private var slots: [OutputFile?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ file: OutputFile) {
        lock.lock()
        slots[i] = file
        lock.unlock()
    }

    var values: [OutputFile] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
