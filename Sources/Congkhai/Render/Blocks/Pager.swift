/// Links between the pages of a long list: previous, next, the first and
/// last pages and those around the current one ("1 … 4 5 6 … 20").
struct Pager: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        var label: String
        /// Nil for a gap ("…").
        var href: String?
        var current: Bool
    }

    var many: Bool
    var summary: String
    var links: [Link]
    var prev: String?
    var next: String?

    init(base: String, page: Int, count: Int, _ d: Display) {
        self.init(page: page, count: count, path: { SitePaths.paged(base, $0) }, d)
    }

    /// Pages whose addresses do not share one base (a locality's leaderboard).
    init(page: Int, count: Int, path: (Int) -> String, _ d: Display) {
        many = count > 1
        summary = d.fill("pager_summary", ["page": d.count(page), "pages": d.count(count)])
        func href(_ n: Int) -> String { d.link(path(n)) }
        var links: [Link] = []
        var last = 0
        for n in 1...max(1, count) where n == 1 || n == count || abs(n - page) <= 2 {
            if n > last + 1 { links.append(Link(label: "…", href: nil, current: false)) }
            links.append(Link(label: d.count(n), href: href(n), current: n == page))
            last = n
        }
        self.links = links
        prev = page > 1 ? href(page - 1) : nil
        next = page < count ? href(page + 1) : nil
    }

    /// The slice of `count` items page `page` shows.
    static func range(page: Int, size: Int, count: Int) -> Range<Int> {
        let start = min(count, (page - 1) * size)
        return start..<min(count, start + size)
    }
}

extension Pager: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("many", many); f.put("summary", summary); f.put("links", links); f.put("prev", prev); f.put("next", next)
    }
}

extension Pager.Link: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("label", label); f.put("href", href); f.put("current", current)
    }
}
