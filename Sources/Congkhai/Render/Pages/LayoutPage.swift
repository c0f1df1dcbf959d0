/// The frame around every page: head, navigation, language switch, footer.
struct LayoutPage: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    struct Alternate: Encodable, Sendable {
        var lang: String
        var href: String
    }

    struct Channel: Encodable, Sendable {
        var label: String
        var value: String
        var href: String?
    }

    var lang: String
    var ogLocale: String
    var siteTitle: String
    var pageTitle: String
    var description: String
    var canonical: String
    var alternates: [Alternate]
    var home: String
    var nav: [Link]
    var switchHref: String
    var switchLang: String
    var feed: String?
    var feedTitle: String?
    var demo: Bool
    var content: PageHTML
    var channels: [Channel]
    var asOf: DateText
    var period: String
    var frameworkName: String
    var openData: String
    var version: String
}

extension SiteRenderer {
    /// The footer's feedback channels in the page's language: made once
    /// per language (`channelsByLanguage`) — made per page, the links'
    /// character-by-character checks were ~1.5 % of a national page stage.
    func channels(_ d: Display) -> [LayoutPage.Channel] {
        channelsByLanguage[d.language] ?? SiteRenderer.channels(run.province.site.feedbackChannels, strings: d.t)
    }

    static func channels(_ feedbackChannels: [(key: String, value: String)], strings: [String: String]) -> [LayoutPage.Channel] {
        feedbackChannels.map { key, value in
            var c = LayoutPage.Channel(label: strings["channel_" + key] ?? key, value: value)
            if key == "portal" || value.lowercased().hasPrefix("http") {
                c.href = LinkPolicy.href(value)
            } else if key == "hotline", !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isNumber || " +-.()".contains($0)) }) {
                c.href = "tel:" + value.filter { $0.isNumber || $0 == "+" }
            } else if key == "email", value.contains("@") {
                c.href = LinkPolicy.href("mailto:" + value)
            }
            return c
        }
    }

    func layout(_ page: SitePlan.Page, _ d: Display, fullPath: String, title: String, description: String,
                feed: (href: String, title: String)?, content: PageHTML) -> LayoutPage {
        let p = run.province
        let items: [(String, String, SitePlan.PageKind)] = [
            ("nav_home", SitePaths.home, .home), ("nav_localities", SitePaths.localities, .localities(page: 1)),
            ("nav_compare", SitePaths.compare(nil), .compare(nil, page: 1)),
            ("nav_commitments", SitePaths.commitments(.overdue), .commitments(.overdue, page: 1)),
            ("nav_feedback", SitePaths.feedback, .feedback(page: 1)), ("nav_methodology", SitePaths.methodology, .methodology),
            ("nav_open_data", SitePaths.openData, .openData(page: 1)), ("nav_search", SitePaths.search, .search),
        ]
        let other = plan.languages.first { $0 != page.language } ?? page.language
        let otherPrefix = SitePaths.prefix(other, default: plan.defaultLanguage)
        let switchHref = page.kind == .notFound ? d.root + otherPrefix : d.root + otherPrefix + page.path
        return LayoutPage(
            lang: d.language, ogLocale: d.label("og_locale"), siteTitle: p.site.title, pageTitle: title, description: description,
            canonical: baseURL + fullPath,
            alternates: page.kind == .notFound ? [] : plan.languages.map {
                LayoutPage.Alternate(lang: $0, href: baseURL + SitePaths.prefix($0, default: plan.defaultLanguage) + page.path)
            },
            home: d.link(SitePaths.home),
            nav: items.map { LayoutPage.Link(label: d.label($0.0), href: d.link($0.1), current: $0.2.sameSection(page.kind)) },
            switchHref: switchHref.isEmpty ? "./" : switchHref, switchLang: other,
            feed: feed?.href, feedTitle: feed?.title, demo: p.site.demo, content: content, channels: channels(d),
            asOf: d.date(run.scoreboard.asOf),
            period: p.site.period.start.vietnamese + " – " + p.site.period.end.vietnamese,
            frameworkName: p.framework.name.text(d.language), openData: d.link(SitePaths.openData), version: CongkhaiVersion.string)
    }
}

extension LayoutPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("lang", lang); f.put("ogLocale", ogLocale); f.put("siteTitle", siteTitle); f.put("pageTitle", pageTitle)
        f.put("description", description); f.put("canonical", canonical); f.put("alternates", alternates); f.put("home", home)
        f.put("nav", nav); f.put("switchHref", switchHref); f.put("switchLang", switchLang); f.put("feed", feed)
        f.put("feedTitle", feedTitle); f.put("demo", demo); f.put("content", content); f.put("channels", channels)
        f.put("asOf", asOf); f.put("period", period); f.put("frameworkName", frameworkName); f.put("openData", openData)
        f.put("version", version)
    }
}

extension LayoutPage.Link: TemplateRepresentable {
    func fields(into f: inout TemplateTree) { f.put("label", label); f.put("href", href); f.put("current", current) }
}

extension LayoutPage.Alternate: TemplateRepresentable {
    func fields(into f: inout TemplateTree) { f.put("lang", lang); f.put("href", href) }
}

extension LayoutPage.Channel: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("label", label); f.put("value", value); f.put("href", href)
    }
}
